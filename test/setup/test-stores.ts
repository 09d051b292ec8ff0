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
