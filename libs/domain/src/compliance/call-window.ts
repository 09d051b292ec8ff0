import { addDays, dateIn, type IsoDate } from '../calendar/calendar';
import type { Debtor } from '../account/account.events';
import type { ContactChannel } from './contact-policy';
import type { OpenedAccount } from '../account/account.state';
import type { ContactOutcome } from '../interactions/interactions.events';

/** What the window reads of an account: the debtor's zone and the calls kept. */
export type CallHistory = Pick<OpenedAccount, 'interactions'> & { debtor: Pick<Debtor, 'timeZone'> };

/**
 * The calls that count against the frequency limit at `at`: those placed on the 7 consecutive days
 * of the debtor's calendar ending on the day of `at` (12 CFR 1006.14(b)(2)(i)), as the debtor's
 * local dates, oldest first. The refusal of an 8th call and the count a reader is shown both read it.
 */
export function callDaysInWindow(account: CallHistory, at: string): IsoDate[] {
  const { timeZone } = account.debtor;
  const today = dateIn(at, timeZone);
  const windowStart = addDays(today, -6);
  return account.interactions.recentCalls.map((call) => dateIn(call, timeZone)).filter((day) => day >= windowStart && day <= today);
}

/**
 * Calls that do not count toward the call frequencies whatever else holds: one not connected to the
 * dialed number (1006.14(b)(3)(ii); comment 14(b)(3)(ii)-1: a busy signal or a number not in service,
 * not a call that rings unanswered or reaches voicemail), and one that reached a person other than
 * the debtor: the frequencies count the calls placed to a particular person (1006.14(b)(2)(i)), and
 * comment 14(b)(2)(i)-1.iii counts the calls to a third party apart from the consumer's.
 */
const uncountedOutcomes: readonly ContactOutcome[] = ['not_connected', 'wrong_party'];

/**
 * Whether a call placed at `at` is placed with the debtor's prior consent, given directly to the
 * collector, within the period it covers: no longer than 7 consecutive days, the day of consent being
 * the first (1006.14(b)(3)(i)). Such calls neither count toward nor are refused by the frequencies.
 */
export function withinCallConsent(account: CallHistory, at: string): boolean {
  const consent = account.interactions.callConsent;
  if (!consent || Date.parse(at) < Date.parse(consent.givenAt)) return false;
  return dateIn(at, account.debtor.timeZone) <= consent.through;
}

/**
 * Whether a contact was a telephone conversation with the debtor, after which 1006.14(b)(2)(i)(B) bars
 * calls about the debt for 7 days: a call that reached them, whatever they said, a refusal to pay as
 * much as a promise. The account also counts such calls as answered (the behaviour score reads it).
 */
export const isConversation = (channel: ContactChannel, outcome: ContactOutcome): boolean =>
  channel === 'call' && (outcome === 'right_party_contact' || outcome === 'refused_to_pay');

/** Whether an outbound call with this outcome, placed at `at`, counts toward the 7-in-7 frequency. */
export const countsTowardCallFrequency = (account: CallHistory, outcome: ContactOutcome, at: string): boolean =>
  !uncountedOutcomes.includes(outcome) && !withinCallConsent(account, at);
