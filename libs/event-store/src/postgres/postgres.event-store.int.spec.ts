import { createTestDatabase } from '../../../../test/setup/test-database';
import { eventStoreContract } from '../contract/event-store.contract';
import { PostgresEventStore } from './postgres.event-store';

eventStoreContract({
  name: 'PostgreSQL',
  create: async () => PostgresEventStore.connect({ connectionString: await createTestDatabase() }),
  openTransaction: async (store, streamId, events, options) => (store as PostgresEventStore).beginAppend(streamId, events, options),
});
