import { randomUUID } from 'node:crypto';
import { accountStream } from '@arrears/domain';
import { PostgresEventStore, type EventStore } from '@arrears/event-store';
import { accountReadModel } from '@arrears/projections';
import { PostgresReadStore, type ReadStore } from '@arrears/read-store';
import { createTestDatabase } from '../../../../test/setup/test-database';
import { AccountCreditors, keptCreditors } from './account-creditors';

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
    creditors = new AccountCreditors(events, readStore);
  });

  it('takes the creditor from the account read model when it has the account, without reading the log', async () => {
    await open('acc-projected', 'cred-a');
    await project('acc-projected', { creditorId: 'cred-a' });
    await expect(creditors.of('acc-projected')).resolves.toBe('cred-a');
    expect(documentsRead).toEqual(['acc-projected']);
    expect(streamsRead).toEqual([]);
  });

  it('takes it from the account’s first event while the read model has not caught up with the account', async () => {
    await open('acc-new', 'cred-b');
    await expect(creditors.of('acc-new')).resolves.toBe('cred-b');
    expect(streamsRead).toEqual([accountStream('acc-new')]);
  });

  it('asks the log when the document holds no creditor it can trust', async () => {
    await open('acc-odd', 'cred-c');
    await project('acc-odd', { creditorId: 42 });
    await expect(creditors.of('acc-odd')).resolves.toBe('cred-c');
    expect(streamsRead).toEqual([accountStream('acc-odd')]);
  });

  it('takes it from the log while the read store cannot be read', async () => {
    await open('acc-read-store-down', 'cred-g');
    const down = await PostgresReadStore.connect(url);
    await down.close();
    await expect(new AccountCreditors(events, down).of('acc-read-store-down')).resolves.toBe('cred-g');
  });

  it('answers nothing for an account that does not exist, and finds it once it is opened', async () => {
    await expect(creditors.of('acc-later')).resolves.toBeUndefined();
    await open('acc-later', 'cred-d');
    await expect(creditors.of('acc-later')).resolves.toBe('cred-d');
  });

  it('asks neither store again for an account it has found', async () => {
    await open('acc-kept', 'cred-e');
    await creditors.of('acc-kept');
    [streamsRead, documentsRead] = [[], []];
    await expect(creditors.of('acc-kept')).resolves.toBe('cred-e');
    expect([streamsRead, documentsRead]).toEqual([[], []]);
  });

  it(`keeps at most ${keptCreditors.toLocaleString('en')} answers, the least recently found going first`, async () => {
    await open('acc-first', 'cred-f');
    await creditors.of('acc-first');
    const known = (creditors as unknown as { known: { set(key: string, value: string): void } }).known;
    for (let k = 0; k < keptCreditors; k++) known.set(`acc-filler-${k}`, 'cred-f');
    streamsRead = [];
    await expect(creditors.of('acc-first')).resolves.toBe('cred-f');
    expect(streamsRead).toEqual([accountStream('acc-first')]);
  });
});
