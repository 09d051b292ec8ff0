import type { Pool } from 'pg';
import { migrate, postgresPool, setUpOrEnded, type Migration, type PostgresConnectionOptions } from '@arrears/platform';
import type { IdempotencyStore, Reservation, StoredResponse } from './idempotency.store';

// IF NOT EXISTS: the table as it stood before migrations were recorded, so a database it built upgrades as is.
const idempotencyMigrations: readonly Migration[] = [
  {
    id: 1,
    name: 'idempotency keys',
    statements: [
      `CREATE TABLE IF NOT EXISTS idempotency_keys (
         key          text        PRIMARY KEY,
         fingerprint  text        NOT NULL,
         status_code  integer,
         response     jsonb,
         locked_until timestamptz NOT NULL,
         created_at   timestamptz NOT NULL DEFAULT now()
       )`,
    ],
  },
];

/** Idempotency-Keys in a PostgreSQL table next to the events: they survive restarts. */
export class PostgresIdempotencyStore implements IdempotencyStore {
  private constructor(private readonly pool: Pool) {}

  static async connect(connectionString: string, poolSize: number, connection: PostgresConnectionOptions = {}): Promise<PostgresIdempotencyStore> {
    const pool = postgresPool(connectionString, poolSize, connection);
    await setUpOrEnded(pool, () => migrate(pool, 'idempotency', idempotencyMigrations));
    return new PostgresIdempotencyStore(pool);
  }

  async reserve(key: string, fingerprint: string, leaseMs: number): Promise<Reservation> {
    // Claims a new key, or one whose request died holding it (its lease ran out, no response stored).
    const claimed = await this.pool.query(
      `INSERT INTO idempotency_keys (key, fingerprint, locked_until)
       VALUES ($1, $2, now() + $3 * interval '1 millisecond')
       ON CONFLICT (key) DO UPDATE SET fingerprint = excluded.fingerprint, locked_until = excluded.locked_until
         WHERE idempotency_keys.response IS NULL AND idempotency_keys.locked_until < now()
           AND idempotency_keys.fingerprint = excluded.fingerprint
       RETURNING key`,
      [key, fingerprint, leaseMs],
    );
    if (claimed.rowCount === 1) return { outcome: 'reserved' };
    const { rows } = await this.pool.query<{ fingerprint: string; response: StoredResponse | null }>(
      'SELECT fingerprint, response FROM idempotency_keys WHERE key = $1',
      [key],
    );
    const row = rows[0];
    if (!row) return this.reserve(key, fingerprint, leaseMs);
    return row.response
      ? { outcome: 'completed', fingerprint: row.fingerprint, response: row.response }
      : { outcome: 'in_progress', fingerprint: row.fingerprint };
  }

  async complete(key: string, response: StoredResponse): Promise<void> {
    await this.pool.query('UPDATE idempotency_keys SET response = $2, status_code = $3 WHERE key = $1', [key, JSON.stringify(response), response.statusCode]);
  }

  async release(key: string): Promise<void> {
    await this.pool.query('DELETE FROM idempotency_keys WHERE key = $1 AND response IS NULL', [key]);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
