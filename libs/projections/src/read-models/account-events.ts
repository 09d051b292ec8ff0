import { evolve, initialAccountState, type AccountEvent, type OpenedAccount } from '@arrears/domain';
import type { RecordedEvent } from '@arrears/event-store';

const streamPrefix = 'account-';

/** The account a recorded event belongs to, or undefined when it is not on an account stream. */
export const accountIdOf = (event: RecordedEvent): string | undefined =>
  event.streamId.startsWith(streamPrefix) ? event.streamId.slice(streamPrefix.length) : undefined;

/** For read models with one document per account, named by its id: that document, or none. */
export const accountDocumentIds = (event: RecordedEvent): string[] => {
  const id = accountIdOf(event);
  return id ? [id] : [];
};

/** The domain event a recorded one carries (its type and data are the domain's own). */
export const asAccountEvent = (event: RecordedEvent): AccountEvent => ({ type: event.type, data: event.data }) as AccountEvent;

/**
 * The account after the event, by the domain's own evolve, so read models never re-implement the
 * rules (allocations, discounts, plans). Null until the account is opened.
 */
export function accountAfter(account: OpenedAccount | null | undefined, event: RecordedEvent): OpenedAccount | null {
  const next = evolve(account ?? initialAccountState(), asAccountEvent(event));
  return next.status === 'unopened' ? null : next;
}

/** The UTC calendar date of an instant. */
export const utcDate = (instant: string): string => instant.slice(0, 10);
