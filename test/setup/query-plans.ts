import type { Client } from 'pg';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- pg's own text form of a value (arrays, jsonb), which its types do not export
const { prepareValue } = require('pg/lib/utils') as { prepareValue: (value: unknown) => unknown };

interface PlanNode {
  'Node Type': string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

/** The scans that read a table's rows (not an index's bitmap, nor the list of values a walk unnests). */
const tableScans = new Set(['Seq Scan', 'Index Scan', 'Index Only Scan', 'Bitmap Heap Scan']);

/** Rows a plan read from the table: what each scan returned and what its filter threw away, over its loops. */
function rowsRead(node: PlanNode): number {
  const own = tableScans.has(node['Node Type']) ? (node['Actual Rows'] + (node['Rows Removed by Filter'] ?? 0)) * node['Actual Loops'] : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + rowsRead(child), 0);
}

/** The two ways PostgreSQL may plan a named statement: for its values, or once for any (it may switch after five runs). */
export const planCacheModes = ['force_custom_plan', 'force_generic_plan'] as const;
export type PlanCacheMode = (typeof planCacheModes)[number];

let prepared = 0;

/**
 * The rows a statement reads from its table when run once under `mode`. Prepared by name, as the
 * stores' pools do: an unnamed statement is always planned for its values.
 */
export async function rowsReadBy(client: Client, text: string, values: unknown[], mode: PlanCacheMode): Promise<number> {
  const name = `plan_probe_${++prepared}`;
  await client.query(`SET plan_cache_mode = ${mode}`);
  await client.query(`PREPARE ${name} AS ${text}`);
  try {
    const args = values.map((value) => (value === null || value === undefined ? 'NULL' : client.escapeLiteral(String(prepareValue(value)))));
    const execute = args.length ? `EXECUTE ${name}(${args.join(', ')})` : `EXECUTE ${name}`;
    const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${execute}`);
    return rowsRead(rows[0]!['QUERY PLAN'][0].Plan);
  } finally {
    await client.query(`DEALLOCATE ${name}`);
  }
}
