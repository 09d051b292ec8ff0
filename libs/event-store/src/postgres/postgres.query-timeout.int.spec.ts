import { isStoreUnavailable } from '@arrears/platform';
import { newEvent } from '@arrears/testing';
import { createTestDatabase } from '../../../../test/setup/test-database';
import { lockTable, type TableLock } from '../../../../test/setup/table-lock';
import { appendToStreams } from '../many-streams';
import { PostgresEventStore } from './postgres.event-store';

/**
 * An append that goes unanswered past the query timeout (here, held up by a lock on the log): it fails
 * as an outage, the connection it held serves no later caller, and the server ends it.
 */
describe('PostgreSQL event store past its query timeout', () => {
  let url: string;
  let store: PostgresEventStore;
  let lock: TableLock | undefined;
  beforeAll(async () => {
    url = await createTestDatabase();
    // One connection: a later caller would get the very one the timed-out append held.
    store = await PostgresEventStore.connect({ connectionString: url, poolSize: 1, queryTimeoutMs: 300 });
  });
  afterEach(async () => {
    await lock?.release();
    lock = undefined;
  });
  afterAll(async () => {
    await store.close();
  });

  it('fails the append as an outage, serves the next read on another connection, and leaves no statement waiting', async () => {
    await store.append('qt-read', [newEvent()], { expectedRevision: 'no_stream' });
    lock = await lockTable(url, 'events', 'SHARE');

    const failure = await store.append('qt-held', [newEvent()], { expectedRevision: 'no_stream' }).catch((error: unknown) => error);

    expect(isStoreUnavailable(failure)).toBe(true);
    // Reads are not held up by the lock: on the connection the append left, this one would wait behind it.
    expect((await store.readStream('qt-read')).map((event) => event.revision)).toEqual([0n]);
    // The server ends the statement whose client left, rather than keep it waiting with its locks.
    await expect(eventuallyNone(() => (lock as TableLock).waiting())).resolves.toBe(0);
  });

  it('fails appends sent together as one outage, without sending each again to wait out the timeout alone', async () => {
    lock = await lockTable(url, 'events', 'SHARE');
    const started = Date.now();

    const grouped = await Promise.all(
      ['qt-a', 'qt-b', 'qt-c'].map((streamId) => store.append(streamId, [newEvent()], { expectedRevision: 'no_stream' }).catch((error: unknown) => error)),
    );
    const bulk = await appendToStreams(
      store,
      ['qt-d', 'qt-e', 'qt-f'].map((streamId) => ({ streamId, events: [newEvent()], expectedRevision: 'no_stream' as const })),
    ).catch((error: unknown) => error);

    expect([...grouped, bulk].map(isStoreUnavailable)).toEqual([true, true, true, true]);
    // Two statements' timeouts; each append sent again alone, on the one connection, would add six more.
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('appends as before once the log answers again', async () => {
    await expect(store.append('qt-after', [newEvent()], { expectedRevision: 'no_stream' })).resolves.toMatchObject({ nextExpectedRevision: 0n });
  });
});

/** Polls `count` until it reads 0, or 3 s pass: then its last reading. */
async function eventuallyNone(count: () => Promise<number>): Promise<number> {
  const deadline = Date.now() + 3_000;
  for (;;) {
    const now = await count();
    if (now === 0 || Date.now() > deadline) return now;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
