import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * Creates an empty database in the run's embedded PostgreSQL and returns its URL. Each spec file
 * calls this once, so tests never share data.
 */
export async function createTestDatabase(): Promise<string> {
  const adminUrl = process.env.ARREARS_TEST_POSTGRES_URL;
  if (!adminUrl) throw new Error('ARREARS_TEST_POSTGRES_URL is not set: run the specs through jest (test/setup/global-setup.ts).');
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return adminUrl.replace(/\/[^/]+$/, `/${name}`);
}
