import { randomBytes, randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { postgresPool, type PostgresConnectionOptions } from '@arrears/platform';
import type { DataKey, KeyStore } from '../key-store.port';

/**
 * Data keys in a PostgreSQL table. A destroyed key leaves its row, without the key, as the record
 * that it was destroyed. (PostgreSQL keeps the dead row version until vacuum reclaims it; a KMS adapter
 * has no such window.)
 */
export class PostgresKeyStore implements KeyStore {
  readonly backend = 'postgres';

  private constructor(private readonly pool: Pool) {}

  static async connect(connectionString: string, poolSize = 2, connection: PostgresConnectionOptions = {}): Promise<PostgresKeyStore> {
    const pool = postgresPool(connectionString, poolSize, connection);
    await pool.query(`CREATE TABLE IF NOT EXISTS personal_data_keys (
      key_id       uuid        PRIMARY KEY,
      subject      text        NOT NULL,
      key          bytea,
      created_at   timestamptz NOT NULL DEFAULT now(),
      destroyed_at timestamptz
    )`);
    await pool.query('CREATE UNIQUE INDEX IF NOT EXISTS personal_data_keys_live ON personal_data_keys (subject) WHERE key IS NOT NULL');
    return new PostgresKeyStore(pool);
  }

  async keyFor(subject: string): Promise<DataKey> {
    const inserted = await this.pool.query<{ key_id: string; key: Buffer }>(
      `INSERT INTO personal_data_keys (key_id, subject, key) VALUES ($1, $2, $3)
       ON CONFLICT (subject) WHERE key IS NOT NULL DO NOTHING RETURNING key_id, key`,
      [randomUUID(), subject, randomBytes(32)],
    );
    const row =
      inserted.rows[0] ??
      (await this.pool.query<{ key_id: string; key: Buffer }>('SELECT key_id, key FROM personal_data_keys WHERE subject = $1 AND key IS NOT NULL', [subject])).rows[0];
    // Destroyed between the two statements: make the subject's next key.
    return row ? { keyId: row.key_id, key: row.key } : this.keyFor(subject);
  }

  async find(keyIds: string[]): Promise<Map<string, Buffer>> {
    const ids = keyIds.filter(isUuid);
    if (ids.length === 0) return new Map();
    const { rows } = await this.pool.query<{ key_id: string; key: Buffer }>(
      'SELECT key_id, key FROM personal_data_keys WHERE key_id = ANY($1::uuid[]) AND key IS NOT NULL',
      [ids],
    );
    return new Map(rows.map((row) => [row.key_id, row.key]));
  }

  async destroy(subject: string): Promise<number> {
    const { rowCount } = await this.pool.query(
      'UPDATE personal_data_keys SET key = NULL, destroyed_at = now() WHERE subject = $1 AND key IS NOT NULL',
      [subject],
    );
    return rowCount ?? 0;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
