import { Client } from 'pg';
import { createTestDatabase } from '../../../../test/setup/test-database';
import type { Query } from '../read-store.port';
import { findStatement, PostgresReadStore } from './postgres.read-store';

/** The scans that read a table's rows (not an index's bitmap, nor the list of values a walk unnests). */
const tableScans = new Set(['Seq Scan', 'Index Scan', 'Index Only Scan', 'Bitmap Heap Scan']);

/** Rows a plan read from the table: what each scan returned and what its filter threw away, over its loops. */
function rowsRead(node: PlanNode): number {
  const own = tableScans.has(node['Node Type']) ? (node['Actual Rows'] + (node['Rows Removed by Filter'] ?? 0)) * node['Actual Loops'] : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + rowsRead(child), 0);
}

interface PlanNode {
  'Node Type': string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

/**
 * What the planner makes of `find`'s statements, on ten creditors' lines of a thousand each: a page of the
 * first in rank order should read about a page, not every line of its creditors. Planned both ways a named
 * statement may be: for its values, and once for any (after five runs).
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
    const url = await createTestDatabase();
    store = await PostgresReadStore.connect(url);
    client = new Client({ connectionString: url });
    await client.connect();
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
    await client.end();
    await store.close();
  });

  const read = async (query: Query, mode: string) => {
    const { text, values } = findStatement(collection, query);
    await client.query(`SET plan_cache_mode = ${mode}`);
    const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${text}`, values);
    return rowsRead(rows[0]!['QUERY PLAN'][0].Plan);
  };
  const pastDue = { field: 'dueOn', op: 'lt' as const, value: '2026-12-01' };

  it.each(['force_custom_plan', 'force_generic_plan'])('walks each creditor of a list in its own range, merged (%s)', async (mode) => {
    const query: Query = { where: [{ field: 'creditorId', op: 'in', value: ['cred-1', 'cred-2'] }, pastDue], orderBy: byRank, limit: 21 };

    expect(await read({ ...query, walkEach: 'creditorId' }, mode)).toBeLessThanOrEqual(2 * 21);
    expect(await read(query, mode)).toBeGreaterThan(2 * 21);
  });

  it.each(['force_custom_plan', 'force_generic_plan'])('walks one creditor in rank order past a range it does not index (%s)', async (mode) => {
    const query: Query = { where: [{ field: 'creditorId', op: 'eq', value: 'cred-3' }, pastDue], orderBy: byRank, limit: 21 };

    expect(await read(query, mode)).toBeLessThanOrEqual(21);
  });
});
