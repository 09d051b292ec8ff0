import type { Pool } from 'pg';
import { createTestDatabase } from '../../../../test/setup/test-database';
import { migrate, type Migration } from './migrations';
import { postgresPool } from './postgres-pool';

// Not idempotent on purpose (no IF NOT EXISTS): a step applied twice would fail.
const steps: Migration[] = [
  { id: 1, name: 'ledger', statements: ['CREATE TABLE ledger (id int PRIMARY KEY)'] },
  { id: 2, name: 'ledger notes', statements: ['ALTER TABLE ledger ADD COLUMN note text', 'INSERT INTO ledger VALUES (1, $$first$$)'] },
];

describe('migrate', () => {
  let url: string;
  const pools: Pool[] = [];
  const pool = () => {
    const opened = postgresPool(url, 2);
    pools.push(opened);
    return opened;
  };
  const recorded = async (store: string) =>
    (await pool().query<{ id: number; name: string }>('SELECT id, name FROM schema_migrations WHERE store = $1 ORDER BY applied_at, id', [store])).rows;

  beforeAll(async () => {
    url = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(pools.map((opened) => opened.end()));
  });

  it('applies the steps in order, once, and records each', async () => {
    expect(await migrate(pool(), 'in-order', steps.slice(0, 1))).toEqual([1]);
    expect(await migrate(pool(), 'in-order', steps)).toEqual([2]);
    expect(await migrate(pool(), 'in-order', steps)).toEqual([]);
    expect(await recorded('in-order')).toEqual([
      { id: 1, name: 'ledger' },
      { id: 2, name: 'ledger notes' },
    ]);
    expect((await pool().query('SELECT id, note FROM ledger')).rows).toEqual([{ id: 1, note: 'first' }]);
  });

  it('lets processes that start together apply each step exactly once', async () => {
    const racing = steps.map((step) => ({ ...step, statements: step.statements.map((sql) => sql.replaceAll('ledger', 'raced')) }));
    const applied = await Promise.all(Array.from({ length: 4 }, () => migrate(pool(), 'racing', racing)));
    expect(applied.flat().sort()).toEqual([1, 2]);
    expect(await recorded('racing')).toHaveLength(2);
  });

  it('leaves the schema as it was when a step fails, and records nothing of the run', async () => {
    const failing: Migration[] = [
      { id: 1, name: 'kept apart', statements: ['CREATE TABLE kept_apart (id int)'] },
      { id: 2, name: 'broken', statements: ['ALTER TABLE no_such_table ADD COLUMN x int'] },
    ];
    await expect(migrate(pool(), 'failing', failing)).rejects.toThrow(/no_such_table/);
    expect(await recorded('failing')).toEqual([]);
    expect((await pool().query<{ found: string | null }>("SELECT to_regclass('kept_apart') AS found")).rows).toEqual([{ found: null }]);
  });

  it('refuses steps out of order', async () => {
    await expect(migrate(pool(), 'unordered', [steps[1] as Migration, steps[0] as Migration])).rejects.toThrow(/in order/);
  });
});
