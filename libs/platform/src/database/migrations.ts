import type { Pool } from 'pg';
import { releaseAfter, rollBackAndRelease, unboundedStatement } from './postgres-pool';

/** One step of a store's schema: applied once, in order, and recorded. Never edited once released: a change is a new step. */
export interface Migration {
  /** 1, 2, 3…: the order of application, unique within the store. */
  id: number;
  name: string;
  statements: readonly string[];
}

/** Taken for the whole migration, so processes starting together apply each step once, one after the other. */
const MIGRATION_LOCK_KEY = 4_206_902_024;

/**
 * Brings a store's tables up to its latest migration: the steps not yet recorded in
 * `schema_migrations` (by store and id) are applied in order and recorded, all in one transaction
 * under a transaction-level advisory lock: a process that starts while another migrates waits, then
 * finds the steps recorded. A step that fails leaves the schema as it was. Returns the ids applied.
 * No statement of it is timed out: a step may rewrite a large table, and the lock waits for another's.
 */
export async function migrate(pool: Pool, store: string, migrations: readonly Migration[]): Promise<number[]> {
  assertOrdered(store, migrations);
  const client = await pool.connect();
  const run = (text: string, values?: unknown[]) => client.query(unboundedStatement(text, values));
  try {
    await run('BEGIN');
    await run('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await run(`CREATE TABLE IF NOT EXISTS schema_migrations (
      store      text        NOT NULL,
      id         integer     NOT NULL,
      name       text        NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (store, id)
    )`);
    const { rows } = await run('SELECT id FROM schema_migrations WHERE store = $1', [store]);
    const applied = new Set(rows.map(({ id }) => id as number));
    const pending = migrations.filter(({ id }) => !applied.has(id));
    for (const migration of pending) {
      for (const statement of migration.statements) await run(statement);
      await run('INSERT INTO schema_migrations (store, id, name) VALUES ($1, $2, $3)', [store, migration.id, migration.name]);
    }
    await run('COMMIT');
    releaseAfter(client);
    return pending.map(({ id }) => id);
  } catch (error) {
    await rollBackAndRelease(client, error);
    throw error;
  }
}

function assertOrdered(store: string, migrations: readonly Migration[]): void {
  migrations.forEach(({ id }, i) => {
    if (id !== i + 1) throw new Error(`The migrations of ${store} must be numbered 1, 2, 3… in order; found ${id} at place ${i + 1}`);
  });
}
