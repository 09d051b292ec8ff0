import { evolve, initialAccountState, type AccountEvent, type AccountState } from '@arrears/domain';
import { chainStart, type EventStore, type RecordedEvent } from '@arrears/event-store';
import type { KnownState } from './account-state.cache';

/** The account the recorded events make, from the first. */
export const foldAccount = (recorded: RecordedEvent[]): AccountState =>
  recorded.reduce((state, event) => evolve(state, event as unknown as AccountEvent), initialAccountState());

/** The account as its stream now stands: its state, the revision read, and the hash to chain to. */
export async function loadAccount(store: EventStore, streamId: string): Promise<KnownState> {
  const recorded = await store.readStream(streamId);
  const last = recorded[recorded.length - 1];
  return {
    state: foldAccount(recorded),
    revision: last ? last.revision : 'no_stream',
    lastHash: last?.metadata.hash ?? chainStart,
  };
}
