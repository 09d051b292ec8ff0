import { randomUUID } from 'node:crypto';
import { accountStream } from '@arrears/domain';
import { PostgresEventStore, type EventStore } from '@arrears/event-store';
import { FixedClock } from '@arrears/platform';
import { accountReadModel } from '@arrears/projections';
import { PostgresReadStore, type ReadStore } from '@arrears/read-store';
import { createTestDatabase } from '../../../../test/setup/test-database';
import { AccountCreditors, keptCreditors, readModelRestMs } from './account-creditors';

/** An account's first event, as the write side records it: the creditor is in its metadata. */
const opened = (creditorId: string) => ({
  id: randomUUID(),
  type: 'AccountOpened',
  data: {},
  metadata: {
    correlationId: 'c',
    causationId: 'c',
    actor: { id: 'billing-feed', role: 'system' },
    occurredAt: '2026-06-01T09:00:00.000Z',
    recordedAt: '2026-06-01T09:00:00.000Z',
    schemaVersion: 1,
    creditorId,
  },
});

describe('AccountCreditors: the creditor of an account, for the access guard', () => {
  let url: string;
  let events: EventStore;
  let readStore: ReadStore;
  let creditors: AccountCreditors;
  let clock: FixedClock;
  /** The streams read from the event store, and the ids asked of the account read model. */
  let streamsRead: string[];
  let documentsRead: string[];

  const open = (accountId: string, creditorId: string) => events.append(accountStream(accountId), [opened(creditorId)], { expectedRevision: 'no_stream' });
  const project = (accountId: string, document: Record<string, unknown>) =>
    readStore.apply([{ kind: 'put', collection: accountReadModel.collection, document: { id: accountId, ...document } }]);

  beforeAll(async () => {
    url = await createTestDatabase();
    events = await PostgresEventStore.connect({ connectionString: url });
    readStore = await PostgresReadStore.connect(url);
    const [readStream, get] = [events.readStream.bind(events), readStore.get.bind(readStore)];
    events.readStream = (streamId, options) => (streamsRead.push(streamId), readStream(streamId, options));
    readStore.get = (collection, id) => (documentsRead.push(id), get(collection, id));
  });
  afterAll(async () => {
    await readStore.close();
    await events.close();
  });
  beforeEach(() => {
    streamsRead = [];
    documentsRead = [];
    clock = new FixedClock(new Date('2026-06-01T09:00:00Z'));
    creditors = new AccountCreditors(events, readStore, clock);
  });

  it('takes the creditor from the account read model when it has the account, without reading the log, and gives the document read', async () => {
    await open('acc-projected', 'cred-a');
    await project('acc-projected', { creditorId: 'cred-a', status: 'open' });
    await expect(creditors.of('acc-projected')).resolves.toEqual({
      creditorId: 'cred-a',
      document: { id: 'acc-projected', creditorId: 'cred-a', status: 'open' },
    });
    expect(documentsRead).toEqual(['acc-projected']);
    expect(streamsRead).toEqual([]);
  });

  it('takes it from the account’s first event while the read model has not caught up with the account', async () => {
    await open('acc-new', 'cred-b');
    await expect(creditors.of('acc-new')).resolves.toEqual({ creditorId: 'cred-b' });
    expect(streamsRead).toEqual([accountStream('acc-new')]);
  });

  it('asks the log when the document holds no creditor it can trust', async () => {
    await open('acc-odd', 'cred-c');
    await project('acc-odd', { creditorId: 42 });
    await expect(creditors.of('acc-odd')).resolves.toEqual({ creditorId: 'cred-c' });
    expect(streamsRead).toEqual([accountStream('acc-odd')]);
  });

  it('takes it from the log while the read store cannot be read, and leaves the read store alone a while', async () => {
    await open('acc-read-store-down', 'cred-g');
    await open('acc-read-store-still-down', 'cred-g');
    const down = await PostgresReadStore.connect(url);
    await down.close();
    const get = down.get.bind(down);
    let asked = 0;
    down.get = (collection, id) => (asked++, get(collection, id));
    const withDown = new AccountCreditors(events, down, clock);
    await expect(withDown.of('acc-read-store-down')).resolves.toEqual({ creditorId: 'cred-g' });
    clock.advance(readModelRestMs - 1);
    await expect(withDown.of('acc-read-store-still-down')).resolves.toEqual({ creditorId: 'cred-g' });
    expect(asked).toBe(1);
    clock.advance(1);
    await withDown.of('acc-new-after-rest');
    expect(asked).toBe(2);
  });

  it('answers nothing for an account that does not exist, and finds it once it is opened', async () => {
    await expect(creditors.of('acc-later')).resolves.toBeUndefined();
    await open('acc-later', 'cred-d');
    await expect(creditors.of('acc-later')).resolves.toEqual({ creditorId: 'cred-d' });
  });

  it('asks neither store again for an account it has found, so has no document to give', async () => {
    await open('acc-kept', 'cred-e');
    await creditors.of('acc-kept');
    [streamsRead, documentsRead] = [[], []];
    await expect(creditors.of('acc-kept')).resolves.toEqual({ creditorId: 'cred-e' });
    expect([streamsRead, documentsRead]).toEqual([[], []]);
  });

  it(`keeps at most ${keptCreditors.toLocaleString('en')} answers, the least recently found going first`, async () => {
    await open('acc-first', 'cred-f');
    // A read model that has every other account: filling the answers needs no database.
    const filled = { get: (_collection: string, id: string) => Promise.resolve({ id, creditorId: 'cred-f' }) } as unknown as ReadStore;
    const bounded = new AccountCreditors(events, filled, clock);
    await bounded.of('acc-first');
    for (let k = 0; k < keptCreditors; k++) await bounded.of(`acc-filler-${k}`);
    filled.get = () => Promise.resolve(undefined);
    streamsRead = [];
    await expect(bounded.of('acc-first')).resolves.toEqual({ creditorId: 'cred-f' });
    expect(streamsRead).toEqual([accountStream('acc-first')]);
  });
});
