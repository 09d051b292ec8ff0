import { addDays, dateIn, instantAt, wallClockIn } from '../calendar/calendar';
import { ruleBroken } from '../errors/domain-error';
import { activeHolds, outstanding, type InvoiceBalance, type OpenedAccount } from '../account/account.state';
import { collectionPauses, pauseOfContact, pauseRefusal, type PauseReason } from '../disputes/collection-pause';
import type { Debtor } from '../account/account.events';
import { callDaysInWindow, withinCallConsent } from './call-window';
import type { ContactChannel, ContactPolicy } from './contact-policy';

/** An outbound contact about to be made: by which channel, at which instant, about which debts (the account as a whole when absent). */
export interface OutboundContact {
  channel: ContactChannel;
  at: string;
  invoiceIds?: string[];
}

/** Why a contact may not be made, and from when a rule would allow it (null: only an event lifts it). */
export interface ContactRefusal {
  code: string;
  message: string;
  /** An instant as `Date#toISOString` writes it. */
  allowedFrom: string | null;
}

/** What the contact rules read of an account: a read model may keep just this much. */
export type ContactSubject = Pick<OpenedAccount, 'restrictions' | 'disputes' | 'creditorRequests' | 'holds' | 'interactions' | 'validationNotice'> & {
  debtor: Pick<Debtor, 'timeZone' | 'otherTimeZones'>;
  /** What is owed on each invoice: a contact about the account as a whole goes on while an unpaused one is owed. */
  invoices: Record<string, InvoiceBalance>;
};

/** The least an account's contact rules need: its zones, the invoices owed, and only the pauses and holds that can still refuse. */
export function contactSubjectOf(account: ContactSubject): ContactSubject {
  const { timeZone, otherTimeZones } = account.debtor;
  const pauses = collectionPauses(account);
  const kept = (reason: PauseReason) => new Set(pauses.filter((pause) => pause.reason === reason).map((pause) => pause.id));
  const [disputes, requests] = [kept('dispute'), kept('original_creditor_request')];
  const owed = Object.values(account.invoices).filter((invoice) => outstanding(invoice) > 0);
  return {
    debtor: otherTimeZones ? { timeZone, otherTimeZones } : { timeZone },
    restrictions: account.restrictions,
    disputes: Object.fromEntries(Object.entries(account.disputes).filter(([id]) => disputes.has(id))),
    creditorRequests: Object.fromEntries(Object.entries(account.creditorRequests).filter(([id]) => requests.has(id))),
    invoices: Object.fromEntries(
      owed.map(({ invoiceId, amount, lateFees, paid, discounted, adjusted }) => [invoiceId, { invoiceId, amount, lateFees, paid, discounted, adjusted }]),
    ),
    holds: Object.fromEntries(
      Object.values(account.holds)
        .filter((hold) => hold.active)
        .map((hold) => [hold.holdId, hold]),
    ),
    interactions: account.interactions,
    validationNotice: account.validationNotice,
  };
}

/** One guardrail: a refusal, or null when it allows the contact. Pure. */
export type ContactRule = (account: ContactSubject, contact: OutboundContact, policy: ContactPolicy) => ContactRefusal | null;

/** Every zone the debtor may be in: the contact hours must hold in all of them. */
const zonesOf = ({ debtor }: ContactSubject) => (debtor.otherTimeZones?.length ? [debtor.timeZone, ...debtor.otherTimeZones] : [debtor.timeZone]);
const localDate = (account: ContactSubject, at: string) => dateIn(at, account.debtor.timeZone);
/** Midnight at the start of `date` in the debtor's zone. */
const startOf = (account: ContactSubject, date: string) => instantAt(date, 0, account.debtor.timeZone);

export const ceaseRule: ContactRule = (account) =>
  account.restrictions.ceaseRequested
    ? { code: 'CEASE_REQUESTED', message: 'The debtor asked that communication cease (1006.6(c)).', allowedFrom: null }
    : null;

export const blockedChannelRule: ContactRule = (account, { channel }) =>
  account.restrictions.blockedChannels.includes(channel)
    ? { code: 'CHANNEL_BLOCKED', message: `The debtor asked not to be contacted by ${channel} (1006.14(h)).`, allowedFrom: null }
    : null;

/**
 * A disputed debt, or one whose original creditor the debtor asked for, is not collected until the
 * dispute is resolved or the answer sent (1006.38(c), (d)(2)); only that debt, unless the dispute or
 * request is of the whole account. A contact about the account as a whole goes on while an
 * undisputed, unpaused invoice is owed.
 */
export const collectionPauseRule: ContactRule = (account, { invoiceIds }) => {
  const pause = pauseOfContact(account, invoiceIds);
  return pause ? { ...pauseRefusal(pause), allowedFrom: null } : null;
};

export const holdRule: ContactRule = (account, { at }) => {
  if (!Object.keys(account.holds).length) return null;
  const holds = activeHolds(account, localDate(account, at));
  if (!holds.length) return null;
  const last = holds.reduce((latest, hold) => (hold.until > latest ? hold.until : latest), '');
  return {
    code: 'ACCOUNT_ON_HOLD',
    message: `The account is on hold (${holds.map((h) => h.reason).join('; ')}) through ${last}.`,
    allowedFrom: startOf(account, addDays(last, 1)),
  };
};

/** A debt collector's validation notice is due within 5 days of the first communication (1006.34(a)(1)(i)(B)); a creditor owes none. */
export const validationNoticeRule: ContactRule = (account, { at }, policy) => {
  const first = account.interactions.firstCommunicationAt;
  if (account.validationNotice || !first || policy.debtCollector === false) return null;
  const due = Date.parse(first) + policy.validationNoticeDays * 86_400_000;
  return Date.parse(at) > due
    ? {
        code: 'VALIDATION_NOTICE_OVERDUE',
        message: `The validation notice was due by ${new Date(due).toISOString()} and has not been sent (1006.34).`,
        allowedFrom: null,
      }
    : null;
};

/**
 * At most `maxCallsIn7Days` call attempts on any 7 consecutive days of the debtor's calendar
 * (1006.14(b)(2)(i)(A)), counting only the calls that count (see `countsTowardCallFrequency`); none
 * refused while the debtor's consent covers the call (1006.14(b)(3)(i)).
 */
export const callFrequencyRule: ContactRule = (account, { channel, at }, policy) => {
  if (channel !== 'call' || account.interactions.recentCalls.length < policy.maxCallsIn7Days) return null;
  if (withinCallConsent(account, at)) return null;
  const today = localDate(account, at);
  const inWindow = callDaysInWindow(account, at);
  if (inWindow.length < policy.maxCallsIn7Days) return null;
  // The window first holds one call fewer on the 7th day after the oldest call that must drop out.
  const dropsOut = inWindow[inWindow.length - policy.maxCallsIn7Days] ?? today;
  return {
    code: 'CALL_FREQUENCY_LIMIT',
    message: `${inWindow.length} calls were placed in the 7 days up to ${today}; at most ${policy.maxCallsIn7Days} are allowed (1006.14(b)(2)(i)).`,
    allowedFrom: startOf(account, addDays(dropsOut, 7)),
  };
};

/**
 * No calls for 7 days after a telephone conversation, the conversation's day being the first. Calls
 * the debtor consented to within the past 7 days are excluded from this frequency too (1006.14(b)(3)
 * excludes them from "the telephone call frequencies described in paragraph (b)(2)(i)": both).
 */
export const conversationQuietRule: ContactRule = (account, { channel, at }, policy) => {
  const conversation = account.interactions.lastConversationAt;
  if (channel !== 'call' || !conversation || withinCallConsent(account, at)) return null;
  const conversationDay = localDate(account, conversation);
  const resumesOn = addDays(conversationDay, policy.quietDaysAfterConversation);
  return localDate(account, at) < resumesOn
    ? {
        code: 'RECENT_CONVERSATION',
        message: `A telephone conversation took place on ${conversationDay}; calls resume on ${resumesOn} (1006.14(b)(2)(ii)).`,
        allowedFrom: startOf(account, resumesOn),
      }
    : null;
};

/**
 * Contact between 08:00 and 21:00 local time, in every zone the debtor may be in; letters excepted.
 * 1006.6(b)(1)(i) holds "a time before 8:00 a.m. and after 9:00 p.m. local time at the consumer's
 * location" inconvenient. The window is [08:00, 21:00): 08:00:00 is allowed, and so is 20:59:59, but
 * the project reads the instant 21:00:00 as no longer before 9 p.m., so a contact then is refused
 * (the stricter reading of the boundary; the policy's `until` is exclusive).
 */
export const contactHoursRule: ContactRule = (account, { channel, at }, policy) => {
  if (channel === 'letter') return null;
  const { from, until } = policy.contactHours;
  const { timeZone, otherTimeZones } = account.debtor;
  // The answer depends on nothing else, and a worklist page asks it of every line at the same instant.
  const key = `${otherTimeZones?.length ? zonesOf(account).join(',') : timeZone}|${at}|${from}|${until}`;
  let refusal = recentHoursRefusals.get(key);
  if (refusal === undefined) {
    const found = hoursRefusal(zonesOf(account), at, from, until);
    refusal = found && Object.freeze(found);
    if (recentHoursRefusals.size >= hoursRefusalsKept) recentHoursRefusals.clear();
    recentHoursRefusals.set(key, refusal);
  }
  return refusal;
};

const recentHoursRefusals = new Map<string, ContactRefusal | null>();
const hoursRefusalsKept = 1_000;

function hoursRefusal(zones: string[], at: string, from: number, until: number): ContactRefusal | null {
  const outside = zones.filter((zone) => {
    const { minutes } = wallClockIn(at, zone);
    return minutes < from || minutes >= until;
  });
  if (!outside.length) return null;
  const opens = outside.map((zone) => {
    const { date, minutes } = wallClockIn(at, zone);
    return Date.parse(instantAt(minutes < from ? date : addDays(date, 1), from, zone));
  });
  return {
    code: 'OUTSIDE_CONTACT_HOURS',
    message: `It is outside ${clock(from)}–${clock(until)} in ${outside.join(', ')} (1006.6(b)(1)(i)).`,
    allowedFrom: new Date(Math.max(...opens)).toISOString(),
  };
}

/**
 * Contact within the span the debtor said suits them, in their own zone; letters excepted. A consumer who says when
 * they can talk tells the collector that other times are inconvenient (1006.6(b)(1)(i); comment 6(b)(1)-1), and
 * that knowledge binds every communication after it, automated ones included. The span only narrows the 08:00–21:00
 * presumption: contact earlier or later needs the consumer's prior consent given directly (1006.6(b)(1)), which is
 * not what a stated preference records. `to` is exclusive, like the contact hours' `until`.
 */
export const statedContactTimeRule: ContactRule = (account, { channel, at }) => {
  const stated = account.interactions.preferredContactTime;
  // A call made before the debtor stated the span (during it, say), and logged after, broke nothing.
  if (channel === 'letter' || !stated || (stated.statedAt !== undefined && Date.parse(at) < Date.parse(stated.statedAt))) return null;
  const zone = account.debtor.timeZone;
  const { date, minutes } = wallClockIn(at, zone);
  const [from, to] = [minutesOfDay(stated.from), minutesOfDay(stated.to)];
  if (minutes >= from && minutes < to) return null;
  return {
    code: 'OUTSIDE_STATED_CONTACT_TIME',
    message: `The debtor said contact suits them from ${stated.from} to ${stated.to} in ${zone}; other times are inconvenient (1006.6(b)(1)(i)).`,
    allowedFrom: instantAt(minutes < from ? date : addDays(date, 1), from, zone),
  };
};

/** Minutes since midnight of a time of day written HH:MM. */
const minutesOfDay = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** When a communication may be made at all: the presumed hours, and the debtor's own span if they stated one. */
export const convenientTimeRules: ContactRule[] = [contactHoursRule, statedContactTimeRule];

const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Regulation F's guardrails, the most lasting first (the first refusal names the error). */
export const regulationFRules: ContactRule[] = [
  ceaseRule,
  blockedChannelRule,
  collectionPauseRule,
  holdRule,
  validationNoticeRule,
  callFrequencyRule,
  conversationQuietRule,
  ...convenientTimeRules,
];

export function contactRefusals(account: ContactSubject, contact: OutboundContact, policy: ContactPolicy, rules = regulationFRules): ContactRefusal[] {
  return rules.flatMap((rule) => rule(account, contact, policy) ?? []);
}

/**
 * The first instant from `contact.at` at which every rule allows the contact, or null when one only
 * an event can lift (or none within two weeks of trying). Each step jumps to the latest instant a
 * refusing rule names, then asks all rules again, since lifting one may land inside another.
 */
export function nextAllowedContact(account: ContactSubject, contact: OutboundContact, policy: ContactPolicy, rules = regulationFRules): string | null {
  let at = contact.at;
  // A worklist asks this of every line: plain loops, and the refusals' own instants (ISO strings), not copies.
  for (let step = 0; step < 14; step++) {
    const attempt = { ...contact, at };
    let latest: string | undefined;
    for (const rule of rules) {
      const refusal = rule(account, attempt, policy);
      if (!refusal) continue;
      if (refusal.allowedFrom === null) return null;
      if (latest === undefined || Date.parse(refusal.allowedFrom) > Date.parse(latest)) latest = refusal.allowedFrom;
    }
    if (latest === undefined) return at;
    at = latest;
  }
  return null;
}

/** Throws the first refusal as a 422-kind DomainError that says when contact becomes allowed again. */
export function requireContactAllowed(account: ContactSubject, contact: OutboundContact, policy: ContactPolicy, rules = regulationFRules): void {
  const refusals = contactRefusals(account, contact, policy, rules);
  const first = refusals[0];
  if (!first) return;
  throw ruleBroken(first.code, first.message, {
    channel: contact.channel,
    at: contact.at,
    allowedFrom: nextAllowedContact(account, contact, policy, rules),
    refusals,
  });
}
