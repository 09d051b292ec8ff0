import { randomBytes, randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { migrate, postgresPool, setUpOrEnded, type Migration, type PostgresConnectionOptions } from '@arrears/platform';
import type { DataKey, KeyStore } from '../key-store.port';
import type { KeyEncryption } from '../key-encryption/key-encryption.port';
import { isUnwrappedKey } from '../key-encryption/local-key-encryption';

// IF NOT EXISTS: the table as it stood before migrations were recorded, so a database it built upgrades as is.
const keyStoreMigrations: readonly Migration[] = [
  {
    id: 1,
    name: 'personal data keys',
    statements: [
      `CREATE TABLE IF NOT EXISTS personal_data_keys (
         key_id       uuid        PRIMARY KEY,
         subject      text        NOT NULL,
         key          bytea,
         created_at   timestamptz NOT NULL DEFAULT now(),
         destroyed_at timestamptz
       )`,
      'CREATE UNIQUE INDEX IF NOT EXISTS personal_data_keys_live ON personal_data_keys (subject) WHERE key IS NOT NULL',
    ],
  },
];

/**
 * Data keys in a PostgreSQL table, only wrapped under the key-encryption key. A destroyed key leaves its row, without the key, as the record
 * that it was destroyed. (PostgreSQL keeps the dead row version until vacuum reclaims it; a KMS adapter
 * has no such window.)
 */
export class PostgresKeyStore implements KeyStore {
  readonly backend = 'postgres';

  private constructor(
    private readonly pool: Pool,
    private readonly wrapping: KeyEncryption,
  ) {}

  static async connect(connectionString: string, wrapping: KeyEncryption, poolSize = 2, connection: PostgresConnectionOptions = {}): Promise<PostgresKeyStore> {
    const pool = postgresPool(connectionString, poolSize, connection);
    const store = new PostgresKeyStore(pool, wrapping);
    await setUpOrEnded(pool, async () => {
      await migrate(pool, 'personal-data', keyStoreMigrations);
      await store.wrapUnwrappedKeys();
    });
    return store;
  }

  async keyFor(subject: string): Promise<DataKey> {
    const keyId = randomUUID();
    const inserted = await this.pool.query<{ key_id: string; key: Buffer }>(
      `INSERT INTO personal_data_keys (key_id, subject, key) VALUES ($1, $2, $3)
       ON CONFLICT (subject) WHERE key IS NOT NULL DO NOTHING RETURNING key_id, key`,
      [keyId, subject, await this.wrapping.wrap(randomBytes(32), keyId)],
    );
    const row =
      inserted.rows[0] ??
      (await this.pool.query<{ key_id: string; key: Buffer }>('SELECT key_id, key FROM personal_data_keys WHERE subject = $1 AND key IS NOT NULL', [subject]))
        .rows[0];
    // Destroyed between the two statements: make the subject's next key.
    return row ? { keyId: row.key_id, key: await this.wrapping.unwrap(row.key, row.key_id) } : this.keyFor(subject);
  }

  async liveKey(subject: string): Promise<DataKey | undefined> {
    const { rows } = await this.pool.query<{ key_id: string; key: Buffer }>(
      'SELECT key_id, key FROM personal_data_keys WHERE subject = $1 AND key IS NOT NULL',
      [subject],
    );
    const row = rows[0];
    return row && { keyId: row.key_id, key: await this.wrapping.unwrap(row.key, row.key_id) };
  }

  async find(keyIds: string[]): Promise<Map<string, Buffer>> {
    const ids = keyIds.filter(isUuid);
    if (ids.length === 0) return new Map();
    const { rows } = await this.pool.query<{ key_id: string; key: Buffer }>(
      'SELECT key_id, key FROM personal_data_keys WHERE key_id = ANY($1::uuid[]) AND key IS NOT NULL',
      [ids],
    );
    return new Map(await Promise.all(rows.map(async (row) => [row.key_id, await this.wrapping.unwrap(row.key, row.key_id)] as const)));
  }

  async destroy(subject: string): Promise<number> {
    const { rowCount } = await this.pool.query('UPDATE personal_data_keys SET key = NULL, destroyed_at = now() WHERE subject = $1 AND key IS NOT NULL', [
      subject,
    ]);
    return rowCount ?? 0;
  }

  /**
   * Keys stored before keys were wrapped are wrapped in place when the store opens; the update only
   * takes a row still holding the clear key, so processes starting together wrap each key once.
   */
  private async wrapUnwrappedKeys(): Promise<void> {
    const { rows } = await this.pool.query<{ key_id: string; key: Buffer }>('SELECT key_id, key FROM personal_data_keys WHERE length(key) = 32');
    for (const row of rows.filter((candidate) => isUnwrappedKey(candidate.key))) {
      await this.pool.query('UPDATE personal_data_keys SET key = $2 WHERE key_id = $1 AND key = $3', [
        row.key_id,
        await this.wrapping.wrap(row.key, row.key_id),
        row.key,
      ]);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
