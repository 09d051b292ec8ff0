import { dateIn, evolve, initialAccountState, type AccountEvent, type AccountOpened, type AccountState } from '@arrears/domain';
import { chainStart, type EventStore, type RecordedEvent } from '@arrears/event-store';
import type { KnownState } from './account-state.cache';

/** The account the recorded events make, from the first. */
export const foldAccount = (recorded: RecordedEvent[]): AccountState =>
  recorded.reduce((state, event) => evolve(state, withOpenedOn(event as unknown as AccountEvent, event)), initialAccountState());

/** An opening recorded before openedOn existed opened when it was recorded, on the debtor's calendar. */
function withOpenedOn(event: AccountEvent, recorded: RecordedEvent): AccountEvent {
  if (event.type !== 'AccountOpened' || event.data.openedOn !== undefined) return event;
  const openedOn = dateIn(recorded.metadata.occurredAt, event.data.debtor.timeZone);
  return { ...event, data: { ...event.data, openedOn } } satisfies AccountOpened;
}

/** The account as its stream now stands: its state, the revision read, and the hash to chain to. */
export async function loadAccount(store: EventStore, streamId: string): Promise<KnownState> {
  return knownStateOf(await store.readStream(streamId));
}

/** The account its recorded events make, at their last revision and hash. */
export function knownStateOf(recorded: RecordedEvent[]): KnownState {
  const last = recorded[recorded.length - 1];
  return {
    state: foldAccount(recorded),
    revision: last ? last.revision : 'no_stream',
    lastHash: last?.metadata.hash ?? chainStart,
  };
}
