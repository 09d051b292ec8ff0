import { createTestDatabase } from '../../../../test/setup/test-database';
import { keyStoreContract } from '../contract/key-store.contract';
import { PostgresKeyStore } from './postgres.key-store';

keyStoreContract('PostgreSQL', async () => PostgresKeyStore.connect(await createTestDatabase()));
