import { isStoreUnavailable } from '@arrears/platform';
import { createTestDatabase } from '../../../../test/setup/test-database';
import { lockTable, type TableLock } from '../../../../test/setup/table-lock';
import { PostgresReadStore } from './postgres.read-store';

/**
 * A batch write that goes unanswered past the query timeout (here, held up by a lock on its table), on
 * the read store's pipelined connections: it fails as an outage and the connection it held, closed
 * under it, is handed to no later caller.
 */
describe('PostgreSQL read store past its query timeout', () => {
  let url: string;
  let store: PostgresReadStore;
  let lock: TableLock | undefined;
  const put = (id: string) => ({ kind: 'put' as const, collection: 'timed', document: { id } });
  beforeAll(async () => {
    url = await createTestDatabase();
    // One connection: a later caller would get the very one the timed-out write held.
    store = await PostgresReadStore.connect(url, 1, { queryTimeoutMs: 300 });
    await store.apply([put('before')]);
  });
  afterEach(async () => {
    await lock?.release();
    lock = undefined;
  });
  afterAll(async () => {
    await store.close();
  });

  it('fails the write as an outage and answers the next read on a connection of its own', async () => {
    lock = await lockTable(url, 'rm_timed', 'SHARE');

    const failure = await store.apply([put('held')], { name: 'timed', position: 1n }).catch((error: unknown) => error);

    expect(isStoreUnavailable(failure)).toBe(true);
    expect((await store.find('timed')).map((document) => document.id)).toEqual(['before']);
    expect(await store.checkpoint('timed')).toBeUndefined();
  });

  it('writes as before once the table answers again', async () => {
    await store.apply([put('after')], { name: 'timed', position: 2n });
    expect((await store.find('timed', { orderBy: [{ field: 'id', direction: 'asc' }] })).map((document) => document.id)).toEqual(['after', 'before']);
  });
});
