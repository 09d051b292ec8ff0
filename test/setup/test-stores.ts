import { Client } from 'pg';
import { PostgresEventStore } from '@arrears/event-store';
import { PostgresReadStore } from '@arrears/read-store';
import { createTestDatabase } from './test-database';

export interface TestStores {
  events: PostgresEventStore;
  reads: PostgresReadStore;
}

/** An event store and a read store on one new database of the run's embedded PostgreSQL. */
export async function openTestStores(): Promise<TestStores> {
  const url = await createTestDatabase();
  return { events: await PostgresEventStore.connect({ connectionString: url, pollIntervalMs: 50 }), reads: await PostgresReadStore.connect(url) };
}

export async function closeTestStores({ events, reads }: TestStores): Promise<void> {
  await reads.close();
  await events.close();
}

export interface ReadStoreAndClient {
  store: PostgresReadStore;
  /** A connection of its own to the same database: to see what PostgreSQL keeps and plans. */
  client: Client;
}

/** A read store on a new database of the run's embedded PostgreSQL, and a plain client beside it. */
export async function openReadStoreAndClient(): Promise<ReadStoreAndClient> {
  const url = await createTestDatabase();
  const client = new Client({ connectionString: url });
  await client.connect();
  return { store: await PostgresReadStore.connect(url), client };
}

export async function closeReadStoreAndClient({ store, client }: ReadStoreAndClient): Promise<void> {
  await client.end();
  await store.close();
}
