import type { Client } from 'pg';
import { planCacheModes, rowsReadBy, type PlanCacheMode } from '../../../../test/setup/query-plans';
import { closeReadStoreAndClient, openReadStoreAndClient } from '../../../../test/setup/test-stores';
import type { Query } from '../read-store.port';
import { findStatement, type PostgresReadStore } from './postgres.read-store';

/**
 * What the planner makes of `find`'s statements, on ten creditors' lines of a thousand each: a page of the
 * first in rank order should read about a page, not every line of its creditors. Planned both ways a named
 * statement may be: for its values, and once for any (as PostgreSQL may after five runs).
 */
describe('PostgreSQL read store: query plans (int)', () => {
  const collection = 'lines';
  const byRank = [
    { field: 'rank', direction: 'desc' as const },
    { field: 'id', direction: 'asc' as const },
  ];
  let store: PostgresReadStore;
  let client: Client;

  beforeAll(async () => {
    ({ store, client } = await openReadStoreAndClient());
    const lines = Array.from({ length: 10_000 }, (_, i) => ({
      id: `acc-${i}`,
      creditorId: `cred-${i % 10}`,
      rank: (i * 7919) % 10_000,
      dueOn: `2026-0${1 + (i % 9)}-15`,
    }));
    for (let at = 0; at < lines.length; at += 1000) {
      await store.apply(lines.slice(at, at + 1000).map((document) => ({ kind: 'put' as const, collection, document })));
    }
    await store.ensureIndexes(collection, [
      { name: 'by_rank', fields: byRank },
      { name: 'by_creditor_rank', fields: [{ field: 'creditorId', direction: 'asc' }, ...byRank] },
    ]);
    await client.query(`ANALYZE rm_${collection}`);
  });

  afterAll(async () => {
    await closeReadStoreAndClient({ store, client });
  });

  const read = async (query: Query, mode: PlanCacheMode) => {
    const { text, values } = findStatement(collection, query);
    return rowsReadBy(client, text, values, mode);
  };
  const pastDue = { field: 'dueOn', op: 'lt' as const, value: '2026-12-01' };

  it.each(planCacheModes)('walks each creditor of a list in its own range, merged (%s)', async (mode) => {
    const query: Query = { where: [{ field: 'creditorId', op: 'in', value: ['cred-1', 'cred-2'] }, pastDue], orderBy: byRank, limit: 21 };

    expect(await read({ ...query, walkEach: 'creditorId' }, mode)).toBeLessThanOrEqual(2 * 21);
    expect(await read(query, mode)).toBeGreaterThan(2 * 21);
  });

  it.each(planCacheModes)('walks one creditor in rank order past a range it does not index (%s)', async (mode) => {
    const query: Query = { where: [{ field: 'creditorId', op: 'eq', value: 'cred-3' }, pastDue], orderBy: byRank, limit: 21 };

    expect(await read(query, mode)).toBeLessThanOrEqual(21);
  });
});
