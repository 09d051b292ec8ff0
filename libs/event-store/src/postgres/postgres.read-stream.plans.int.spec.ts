import { newEvent } from '@arrears/testing';
import { Client } from 'pg';
import { planCacheModes, rowsReadBy, type PlanCacheMode } from '../../../../test/setup/query-plans';
import { createTestDatabase } from '../../../../test/setup/test-database';
import type { ReadStreamOptions } from '../event-store.port';
import { PostgresEventStore, readStreamStatement } from './postgres.event-store';

/**
 * What the planner makes of a stream read, on a stream of 300 events among others: a load from a
 * snapshot near the head reads the events after it, not the whole stream. Planned both ways a named
 * statement may be: for its values, and once for any (as PostgreSQL may after five runs).
 */
describe('PostgreSQL event store: stream read plans (int)', () => {
  const streamId = 'account-long';
  let store: PostgresEventStore;
  let client: Client;

  beforeAll(async () => {
    const url = await createTestDatabase();
    store = await PostgresEventStore.connect({ connectionString: url });
    client = new Client({ connectionString: url });
    await client.connect();
    const event = (n: number) => newEvent('NoteAdded', { n });
    for (let at = 0; at < 300; at += 100) {
      await store.append(
        streamId,
        Array.from({ length: 100 }, (_, n) => event(at + n)),
        { expectedRevision: at === 0 ? 'no_stream' : BigInt(at - 1) },
      );
      await store.append(
        `account-other-${at}`,
        Array.from({ length: 100 }, (_, n) => event(n)),
        { expectedRevision: 'no_stream' },
      );
    }
    await client.query('ANALYZE events');
  });

  afterAll(async () => {
    await client.end();
    await store.close();
  });

  const read = async (options: ReadStreamOptions, mode: PlanCacheMode) => {
    const { text, values = [] } = readStreamStatement(streamId, options);
    return rowsReadBy(client, text, values, mode);
  };

  it.each(planCacheModes)('reads forwards from a revision near the head, not the stream before it (%s)', async (mode) => {
    expect(await read({ fromRevision: 290n }, mode)).toBe(10);
  });

  it.each(planCacheModes)('reads backwards from a revision, not the stream after it (%s)', async (mode) => {
    expect(await read({ fromRevision: 9n, direction: 'backwards' }, mode)).toBe(10);
  });

  it('reads the events the statements name, through the store', async () => {
    const revisions = async (options: ReadStreamOptions) => (await store.readStream(streamId, options)).map((event) => Number(event.revision));

    expect(await revisions({ fromRevision: 297n })).toEqual([297, 298, 299]);
    expect(await revisions({ fromRevision: 2n, direction: 'backwards' })).toEqual([2, 1, 0]);
    expect(await revisions({ direction: 'backwards', maxCount: 2 })).toEqual([299, 298]);
    expect(await revisions({ fromRevision: 10n, maxCount: 2 })).toEqual([10, 11]);
    expect(await revisions({ fromRevision: 0n, maxCount: 2 })).toEqual([0, 1]);
    expect(await revisions({ fromRevision: 20n, direction: 'backwards', maxCount: 3 })).toEqual([20, 19, 18]);
    expect(await revisions({})).toHaveLength(300);
  });
});
