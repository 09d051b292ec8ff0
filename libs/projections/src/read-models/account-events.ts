import { accountEventTypes, evolve, initialAccountState, type AccountEvent, type OpenedAccount } from '@arrears/domain';
import type { RecordedEvent } from '@arrears/event-store';
import type { Recorded } from '../projection';

/** An account event as the log records it: its type narrows its data to the domain's own. */
export type RecordedAccountEvent = Recorded<AccountEvent>;

const streamPrefix = 'account-';
const accountTypes: ReadonlySet<string> = new Set(accountEventTypes);

/** Whether a recorded event is one of the domain's account events (by its type, which fixes its data). */
export const isAccountEvent = (event: RecordedEvent): event is RecordedEvent & RecordedAccountEvent => accountTypes.has(event.type);

/** The account a recorded event belongs to, or undefined when it is not on an account stream. */
export const accountIdOf = (event: Pick<RecordedEvent, 'streamId'>): string | undefined =>
  event.streamId.startsWith(streamPrefix) ? event.streamId.slice(streamPrefix.length) : undefined;

/**
 * The account after the event, by the domain's own evolve, so read models never re-implement the
 * rules (allocations, discounts, plans). Null until the account is opened.
 */
export function accountAfter(account: OpenedAccount | null | undefined, event: AccountEvent): OpenedAccount | null {
  const next = evolve(account ?? initialAccountState(), event);
  return next.status === 'unopened' ? null : next;
}
