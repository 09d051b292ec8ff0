import { accountStream, type AccountEvent } from '@arrears/domain';
import type { EventStore, RecordedEvent } from '@arrears/event-store';
import type { PersonalDataVault } from '@arrears/personal-data';
import type { CommandOutcome } from './account-command';
import { foldAccount } from './load-account';
import { eventIdOf } from './seal-and-chain';

/**
 * The outcome of the command that appended events under this Idempotency-Key, if one did: its
 * events (their ids derive from the key, in order), rebuilt from the stream as the first try answered.
 */
export async function recallOutcome(store: EventStore, vault: PersonalDataVault, accountId: string, key: string): Promise<CommandOutcome | undefined> {
  const streamId = accountStream(accountId);
  const recorded = await store.readStream(streamId);
  const start = recorded.findIndex((event) => event.id === eventIdOf(key, streamId, 0));
  if (start < 0) return undefined;
  let end = start + 1;
  while (recorded[end]?.id === eventIdOf(key, streamId, end - start)) end++;
  const mine = await vault.open(recorded.slice(start, end));
  const last = mine[mine.length - 1] as RecordedEvent;
  return {
    accountId,
    events: mine.map(({ type, data }) => ({ type, data }) as AccountEvent),
    state: foldAccount(recorded.slice(0, end)),
    revision: last.revision,
    position: last.position,
  };
}
