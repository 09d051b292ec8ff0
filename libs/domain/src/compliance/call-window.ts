import { addDays, dateIn, type IsoDate } from '../calendar/calendar';
import type { Debtor } from '../account/account.events';
import type { OpenedAccount } from '../account/account.state';

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
