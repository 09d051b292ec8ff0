import { addDays, dateIn, nextAllowedContact, type ContactPolicy, type ContactSubject } from '@arrears/domain';

/**
 * Where the account stands with the contact rules at `now`, for a call: the attempts in the current
 * 7-day window, whether a call is allowed now, and if not, when it next is (null when only an event,
 * such as a dispute's resolution, can lift the refusal).
 */
export function callWindow(account: ContactSubject, now: string, policy: ContactPolicy) {
  const today = dateIn(now, account.debtor.timeZone);
  const windowStart = addDays(today, -6);
  const callsInWindow = account.interactions.recentCalls.filter((call) => dateIn(call, account.debtor.timeZone) >= windowStart).length;
  const nextCallAllowedAt = nextAllowedContact(account, { channel: 'call', at: now }, policy);
  return {
    callsInWindow,
    maxCallsInWindow: policy.maxCallsIn7Days,
    contactableNow: nextCallAllowedAt === now,
    nextCallAllowedAt,
    lastContact: account.interactions.lastContact,
  };
}
