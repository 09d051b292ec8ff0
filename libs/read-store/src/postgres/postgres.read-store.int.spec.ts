import { createTestDatabase } from '../../../../test/setup/test-database';
import { readStoreContract } from '../contract/read-store.contract';
import { PostgresReadStore } from './postgres.read-store';

readStoreContract('PostgreSQL', async () => PostgresReadStore.connect(await createTestDatabase()));
