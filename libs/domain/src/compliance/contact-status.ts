import { callDaysInWindow, withinCallConsent } from './call-window';
import type { ContactPolicy } from './contact-policy';
import { nextAllowedContact, type ContactSubject } from './contact-rules';

/**
 * Where the account stands with the contact rules at `now`, for a call: the attempts in the current
 * 7-day window (those that count: see `countsTowardCallFrequency`), whether a call is allowed now, and
 * if not, when it next is (null when only an event, such as a dispute's resolution, can lift the
 * refusal), and the last day of the debtor's consent to further calls while it covers now. The same
 * rules that refuse a call answer it.
 */
export function callStatus(account: ContactSubject, now: string, policy: ContactPolicy) {
  const nextCallAllowedAt = nextAllowedContact(account, { channel: 'call', at: now }, policy);
  return {
    callsInWindow: callDaysInWindow(account, now).length,
    maxCallsInWindow: policy.maxCallsIn7Days,
    contactableNow: nextCallAllowedAt === now,
    nextCallAllowedAt,
    lastContact: account.interactions.lastContact,
    callConsentThrough: withinCallConsent(account, now) ? (account.interactions.callConsent?.through ?? null) : null,
  };
}

export type CallStatus = ReturnType<typeof callStatus>;
