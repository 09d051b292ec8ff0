import type { Pool } from 'pg';

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
 */
export async function migrate(pool: Pool, store: string, migrations: readonly Migration[]): Promise<number[]> {
  assertOrdered(store, migrations);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      store      text        NOT NULL,
      id         integer     NOT NULL,
      name       text        NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (store, id)
    )`);
    const { rows } = await client.query<{ id: number }>('SELECT id FROM schema_migrations WHERE store = $1', [store]);
    const applied = new Set(rows.map(({ id }) => id));
    const pending = migrations.filter(({ id }) => !applied.has(id));
    for (const migration of pending) {
      for (const statement of migration.statements) await client.query(statement);
      await client.query('INSERT INTO schema_migrations (store, id, name) VALUES ($1, $2, $3)', [store, migration.id, migration.name]);
    }
    await client.query('COMMIT');
    return pending.map(({ id }) => id);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

function assertOrdered(store: string, migrations: readonly Migration[]): void {
  migrations.forEach(({ id }, i) => {
    if (id !== i + 1) throw new Error(`The migrations of ${store} must be numbered 1, 2, 3… in order; found ${id} at place ${i + 1}`);
  });
}
