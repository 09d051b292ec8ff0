import { Client } from 'pg';
import { createTestDatabase } from '../../../test/setup/test-database';
import { idempotencyStoreContract } from './idempotency-store.contract';
import { PostgresIdempotencyStore } from './postgres.idempotency-store';

// PostgreSQL judges leases by its own now(): "advancing time" moves the stored lease back instead.
idempotencyStoreContract('PostgreSQL', async () => {
  const url = await createTestDatabase();
  const store = await PostgresIdempotencyStore.connect(url, 2);
  const sql = new Client({ connectionString: url });
  await sql.connect();
  const pending: Promise<unknown>[] = [];
  return {
    store: {
      reserve: async (...args) => (await Promise.all(pending), store.reserve(...args)),
      complete: (...args) => store.complete(...args),
      release: (...args) => store.release(...args),
      close: async () => {
        await sql.end();
        await store.close();
      },
    },
    advance: (ms) => {
      pending.push(sql.query(`UPDATE idempotency_keys SET locked_until = locked_until - $1 * interval '1 millisecond'`, [ms]));
    },
  };
});
