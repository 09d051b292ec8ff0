import { Client } from 'pg';
import { createTestDatabase } from '../../../../test/setup/test-database';
import { keyStoreContract } from '../contract/key-store.contract';
import { PostgresKeyStore } from './postgres.key-store';

let url: string;
let sql: Client;
beforeAll(async () => {
  url = await createTestDatabase();
  sql = new Client({ connectionString: url });
  await sql.connect();
});
afterAll(() => sql.end());

keyStoreContract(
  'PostgreSQL',
  (wrapping) => PostgresKeyStore.connect(url, wrapping),
  () => ({
    bytesOf: async (keyId) => (await sql.query<{ key: Buffer }>('SELECT key FROM personal_data_keys WHERE key_id = $1', [keyId])).rows[0]?.key,
    insertUnwrapped: async (keyId, subject, key) => {
      await sql.query('INSERT INTO personal_data_keys (key_id, subject, key) VALUES ($1, $2, $3)', [keyId, subject, key]);
    },
  }),
);
