import { Client } from 'pg';
import { createTestDatabase } from '../../../../test/setup/test-database';
import { PostgresReadStore } from './postgres.read-store';
import { readStoreMigrations } from './postgres.read-schema';

const migrationsOf = async (client: Client) =>
  (await client.query<{ id: number }>("SELECT id FROM schema_migrations WHERE store = 'read-store' ORDER BY id")).rows.map(({ id }) => id);

describe('PostgreSQL read store schema', () => {
  it('upgrades a database built before migrations were recorded, keeping its documents and checkpoints', async () => {
    const url = await createTestDatabase();
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      // What the previous release ran at every start (migration 1 is exactly that), then its data.
      for (const statement of readStoreMigrations[0]?.statements ?? []) await client.query(statement);
      await client.query(`CREATE TABLE rm_ledger (id text PRIMARY KEY, doc jsonb NOT NULL)`);
      await client.query(`INSERT INTO rm_ledger VALUES ('a', '{"position": 42, "total": 7}')`);
      await client.query(`SELECT read_apply('[]'::jsonb, 'ledger', 42, NULL)`);

      const store = await PostgresReadStore.connect(url);
      try {
        expect(await store.get('ledger', 'a')).toEqual({ id: 'a', position: 42, total: 7 });
        expect(await store.checkpoint('ledger')).toBe(42n);
        expect(await store.version('ledger')).toBe(1);
        await store.apply([{ kind: 'put', collection: 'ledger', document: { id: 'b', position: 43 } }], { name: 'ledger', position: 43n, version: 2 });
        expect(await store.version('ledger')).toBe(2);
        // A process of the previous release writes without a version: the recorded one stays.
        await client.query(`SELECT read_apply('[]'::jsonb, 'ledger', 44, NULL)`);
        expect([await store.checkpoint('ledger'), await store.version('ledger')]).toEqual([44n, 2]);
        expect(await migrationsOf(client)).toEqual([1, 2]);
      } finally {
        await store.close();
      }
    } finally {
      await client.end();
    }
  });

  it('is brought up once by processes that start together', async () => {
    const url = await createTestDatabase();
    const stores = await Promise.all(Array.from({ length: 3 }, () => PostgresReadStore.connect(url)));
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      expect(await migrationsOf(client)).toEqual([1, 2]);
      expect(await stores[0]?.version('absent')).toBeUndefined();
    } finally {
      await client.end();
      await Promise.all(stores.map((store) => store.close()));
    }
  });
});
