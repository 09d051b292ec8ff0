import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from '../../libs/platform/src/database/embedded-postgres';
import { detectContainerRuntime } from './container-runtime';

declare global {
  var embeddedPostgres: EmbeddedPostgresServer | undefined;
}

/**
 * One embedded PostgreSQL for the whole run; every spec file creates its own database in it
 * (see test-database.ts), so specs never see each other's data.
 */
export default async function globalSetup(): Promise<void> {
  await detectContainerRuntime();
  const dataDir = await mkdtemp(join(tmpdir(), 'arrears-test-'));
  const server = await startEmbeddedPostgres({ dataDir, database: 'postgres' });
  globalThis.embeddedPostgres = server;
  process.env.ARREARS_TEST_POSTGRES_URL = server.url;
  process.env.ARREARS_TEST_DATA_DIR = dataDir;
}
