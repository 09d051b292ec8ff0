import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase } from '../../../../test/setup/test-database';
import { newEvent } from '@arrears/testing';
import { PostgresEventStore } from './postgres.event-store';
import { eventStoreMigrations } from './postgres.schema';

describe('PostgreSQL event store schema', () => {
  it('upgrades a database built before migrations were recorded, keeping its events', async () => {
    const url = await createTestDatabase();
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      // What the previous release ran at every start (migration 1 is exactly that), then an event.
      for (const statement of eventStoreMigrations[0]?.statements ?? []) await client.query(statement);
      await client.query(
        `INSERT INTO events (position, stream_id, revision, event_id, type, data, metadata)
         VALUES (nextval('events_position_seq'), 'ledger-1', 0, $1, 'Opened', '{"n": 1}', '{}')`,
        [randomUUID()],
      );

      const store = await PostgresEventStore.connect({ connectionString: url });
      try {
        expect((await store.readStream('ledger-1')).map(({ type, data }) => ({ type, data }))).toEqual([{ type: 'Opened', data: { n: 1 } }]);
        const appended = await store.append('ledger-1', [newEvent('Closed', {})], { expectedRevision: 0n });
        expect(appended.position).toBe(2n);
        const { rows } = await client.query("SELECT id, name FROM schema_migrations WHERE store = 'event-store' ORDER BY id");
        // Migration 1 recorded as found, the later ones applied.
        expect(rows).toEqual(eventStoreMigrations.map(({ id, name }) => ({ id, name })));
      } finally {
        await store.close();
      }
    } finally {
      await client.end();
    }
  });

  it('runs the single and the batched append with generic plans, so each connection plans their statements once', async () => {
    const url = await createTestDatabase();
    await (await PostgresEventStore.connect({ connectionString: url })).close();
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string; config: string[] | null }>(
        "SELECT proname AS name, proconfig AS config FROM pg_proc WHERE proname IN ('arrears_append', 'arrears_append_batch') ORDER BY proname",
      );
      expect(rows).toEqual([
        { name: 'arrears_append', config: ['plan_cache_mode=force_generic_plan'] },
        { name: 'arrears_append_batch', config: ['plan_cache_mode=force_generic_plan'] },
      ]);
    } finally {
      await client.end();
    }
  });
});
