import { accountStream, evolve, initialAccountState, type AccountEvent, type AccountOpened, type Debtor, type NoteAdded } from '@arrears/domain';
import { chainKeyFrom, chainStart, type EventStore } from '@arrears/event-store';
import { InMemoryKeyStore, PersonalDataVault } from '@arrears/personal-data';
import { RandomIdGenerator } from '@arrears/platform';
import type { KnownState } from './account-state.cache';
import type { CommandContext } from './command-context';
import { loadAccount } from './load-account';
import { OptOutLinks } from './opt-out-links';
import { SealAndChain } from './seal-and-chain';

/** What the write path's specs share: a chain key, a moment, a caller, typed events and a way to record them. */
export const chainKey = chainKeyFrom('a-chain-key-of-at-least-thirty-two-characters');
export const now = new Date('2026-03-01T15:00:00Z');

/** An agent acting for every creditor, without Idempotency-Key or If-Match unless told. */
export const callerWith = (overrides: Partial<CommandContext> = {}): CommandContext => ({
  correlationId: 'corr-1',
  causationId: 'cause-1',
  actor: { id: 'agent-1', role: 'agent' },
  creditors: '*',
  idempotencyKey: undefined,
  expectedRevision: undefined,
  ...overrides,
});

export const debtor: Debtor = { reference: 'D-1', timeZone: 'UTC' };
/** Opened on the day of `now`, as an account opened without an opening date is. */
export const opened = (accountId: string, creditorId = 'cred-1', who: Debtor = debtor): AccountOpened => ({
  type: 'AccountOpened',
  data: { accountId, creditorId, debtor: who, openedOn: '2026-03-01' },
});
export const noteAdded = (text: string): NoteAdded => ({ type: 'NoteAdded', data: { text } });

/** The account as these events make it, as if read at the last one's revision (for the decide step, which reads nothing). */
export const knownAfter = (events: AccountEvent[]): KnownState => ({
  state: events.reduce(evolve, initialAccountState()),
  revision: events.length === 0 ? 'no_stream' : BigInt(events.length - 1),
  lastHash: chainStart,
});

export const optOutLinks = new OptOutLinks(chainKey, 'https://arrears.example');
export const sealAndChain = (vault = new PersonalDataVault(new InMemoryKeyStore())) => new SealAndChain(vault, new RandomIdGenerator(), chainKey, optOutLinks);

/** Records events on an account's stream as the write path stores them: sealed and chained to the last. */
export async function record(store: EventStore, accountId: string, events: AccountEvent[], vault?: PersonalDataVault): Promise<void> {
  const streamId = accountStream(accountId);
  const known = await loadAccount(store, streamId);
  await store.append(streamId, await sealAndChain(vault).newEvents(events, streamId, known, callerWith(), now), { expectedRevision: known.revision });
}
