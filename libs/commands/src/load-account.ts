import { dateIn, evolve, initialAccountState, type AccountEvent, type AccountOpened, type AccountState } from '@arrears/domain';
import { chainStart, type EventStore, type RecordedEvent } from '@arrears/event-store';
import type { KnownState } from './account-state.cache';

/** The account the recorded events make, from the first (or onto `from`, the state before them). */
export const foldAccount = (recorded: RecordedEvent[], from: AccountState = initialAccountState()): AccountState =>
  recorded.reduce((state, event) => evolve(state, withOpenedOn(event as unknown as AccountEvent, event)), from);

/** An opening recorded before openedOn existed opened when it was recorded, on the debtor's calendar. */
function withOpenedOn(event: AccountEvent, recorded: RecordedEvent): AccountEvent {
  if (event.type !== 'AccountOpened' || event.data.openedOn !== undefined) return event;
  const openedOn = dateIn(recorded.metadata.occurredAt, event.data.debtor.timeZone);
  return { ...event, data: { ...event.data, openedOn } } satisfies AccountOpened;
}

/** An account no event has opened yet: what a stream's first event links to. */
/** What is known of an account whose stream holds nothing. */
export const noStream = (): KnownState => ({ state: initialAccountState(), revision: 'no_stream', lastHash: chainStart });

/** The account as its stream now stands: its state, the revision read, and the hash to chain to. */
export async function loadAccount(store: EventStore, streamId: string): Promise<KnownState> {
  return knownStateOf(await store.readStream(streamId));
}

/** The account the recorded events make, at their last revision and hash: from the first, or after `before`. */
export function knownStateOf(recorded: RecordedEvent[], before: KnownState = noStream()): KnownState {
  const last = recorded[recorded.length - 1];
  return {
    state: foldAccount(recorded, before.state),
    revision: last ? last.revision : before.revision,
    lastHash: last?.metadata.hash ?? before.lastHash,
  };
}
