import { Client } from 'pg';
import { FixedClock, loadConfig, RandomIdGenerator } from '@arrears/platform';
import { PostgresReadStore } from '@arrears/read-store';
import { createTestDatabase } from '../../../test/setup/test-database';
import { Backends } from './backends';

const secrets = { CHAIN_KEY: 'backends-chain-key-of-at-least-32-characters', KEY_ENCRYPTION_KEY: 'backends-key-encryption-key-of-32-characters' };

/** The connections PostgreSQL holds open for an application name. */
async function connectionsOf(url: string, application: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1', [application]);
    return rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

describe('opening the backends', () => {
  afterEach(() => jest.restoreAllMocks());

  it('closes the stores it opened when a later one cannot be opened, so that a process that failed to start can end', async () => {
    const url = await createTestDatabase();
    const application = `backends-spec-${process.pid}`;
    // The read store opens on the database; the key store's database refuses every connection.
    const config = loadConfig(
      { ...secrets, EVENT_STORE_URL: url, KEY_STORE_URL: 'postgres://nobody@127.0.0.1:1/none', DATABASE_APPLICATION_NAME: application },
      'simulate',
    );
    const closed = jest.spyOn(PostgresReadStore.prototype, 'close');

    await expect(Backends.open(config, new FixedClock(new Date()), new RandomIdGenerator())).rejects.toThrow();
    expect(closed).toHaveBeenCalledTimes(1);
    expect(await connectionsOf(url, application)).toBe(0);
  });
});
