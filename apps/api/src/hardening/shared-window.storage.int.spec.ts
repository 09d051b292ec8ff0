import { Client } from 'pg';
import { PostgresReadStore } from '@arrears/read-store';
import { createTestDatabase } from '../../../../test/setup/test-database';
import { RATE_WINDOWS, SharedWindowStorage } from './shared-window.storage';

describe('rate counts shared by the processes of one read store (API replicas)', () => {
  const admin = new Client({ connectionString: process.env.ARREARS_TEST_POSTGRES_URL });
  let database: string;
  let stores: PostgresReadStore[];
  let now: number;
  /** Two replicas, each with its own connections to the one read store. */
  let replicas: [SharedWindowStorage, SharedWindowStorage];
  const hit = (replica: SharedWindowStorage, key = 'subject:busy') => replica.increment(key, 1000, 5, 1000, 'default');
  /** Two rounds, one replica after the other: each has told its counts before the other hears them. */
  const exchange = async () => {
    for (const replica of [...replicas, ...replicas]) await replica.exchange();
  };

  beforeAll(async () => {
    await admin.connect();
    const url = await createTestDatabase();
    database = new URL(url).pathname.slice(1);
    stores = [await PostgresReadStore.connect(url, 2), await PostgresReadStore.connect(url, 2)];
  });
  afterAll(async () => {
    await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`);
    await Promise.all(stores.map((store) => store.close()));
    await admin.end();
  });
  beforeEach(() => {
    now = 1_800_000_000_000 + Math.floor(Math.random() * 1e6) * 1000;
    replicas = [new SharedWindowStorage(stores[0] as PostgresReadStore, () => now), new SharedWindowStorage(stores[1] as PostgresReadStore, () => now)];
  });

  it('refuses a caller whose requests, spread over both replicas, pass the limit once they have exchanged counts', async () => {
    const [a, b] = replicas;
    for (let i = 0; i < 3; i++) expect(await hit(a)).toMatchObject({ isBlocked: false });
    for (let i = 0; i < 2; i++) expect(await hit(b)).toMatchObject({ isBlocked: false });
    await exchange();
    now += 300;
    // Five in the window so far, three of them on the other replica: the sixth is refused on either.
    expect(await hit(b)).toEqual({ totalHits: 6, timeToExpire: 1, isBlocked: true, timeToBlockExpire: 1 });
    expect(await hit(a)).toMatchObject({ totalHits: 6, isBlocked: true });
    // Another caller has a budget of its own.
    expect(await hit(a, 'subject:calm')).toMatchObject({ totalHits: 1, isBlocked: false });
    // A caller that kept on is still refused as the next window starts: the one before weighs on it.
    await exchange();
    now += 700;
    expect(await hit(b)).toMatchObject({ totalHits: 8, isBlocked: true });
  });

  it('starts a new count when the window ends, the one before weighing by its share still within a second, and deletes the window it told', async () => {
    const [a, b] = replicas;
    const first = now - (now % 1000);
    for (let i = 0; i < 4; i++) await hit(a);
    await hit(b);
    await exchange();
    // 600 ms into the next window: the five hits before count for two (40 % of them).
    now += 1600;
    expect(await hit(a)).toMatchObject({ totalHits: 3, isBlocked: false });
    expect(await hit(b)).toMatchObject({ totalHits: 3, isBlocked: false });
    await exchange();
    expect(await hit(b)).toMatchObject({ totalHits: 5, isBlocked: false });
    expect(await hit(b)).toMatchObject({ totalHits: 6, isBlocked: true });
    const kept = await stores[0]?.find(RATE_WINDOWS, { where: [{ field: 'start', op: 'eq', value: first }] });
    expect(kept).toEqual([]);
  });

  it('sweeps the windows a process that died left behind, a minute after they ended', async () => {
    const dead = (start: number) => ({ id: `dead:${start}`, caller: 'c', start, endsAt: start + 1000, process: 'dead', hits: 3 });
    const [stale, recent] = [dead(now - 62_000 - (now % 1000)), dead(now - 30_000 - (now % 1000))];
    await stores[0]?.apply([stale, recent].map((document) => ({ kind: 'put', collection: RATE_WINDOWS, document })));
    await hit(replicas[0]);
    await replicas[0].exchange();
    const left = await stores[0]?.find(RATE_WINDOWS, { where: [{ field: 'process', op: 'eq', value: 'dead' }] });
    expect(left?.map(({ id }) => id)).toEqual([recent.id]);
  });

  it('keeps no caller key as it came: a NUL or a lone surrogate in it is stored hashed', async () => {
    const [a, b] = replicas;
    const key = 'subject:\u0000\ud800';
    for (let i = 0; i < 4; i++) await hit(a, key);
    await hit(b, key);
    await exchange();
    expect(await hit(b, key)).toMatchObject({ totalHits: 6, isBlocked: true });
    const stored = await stores[0]?.find(RATE_WINDOWS);
    expect(JSON.stringify(stored)).not.toContain('subject:');
    // Keys that differ only in their lone surrogates are callers apart.
    await hit(b, 'subject:\udc00');
    await exchange();
    expect(await hit(b, 'subject:\udc00')).toMatchObject({ totalHits: 2, isBlocked: false });
  });

  it('counts alone, refusing nothing it would not, while the read store is down, and shares again once it is back', async () => {
    const [a, b] = replicas;
    const warnings: string[] = [];
    jest.spyOn(a['logger'], 'warn').mockImplementation((line: string) => void warnings.push(line));
    await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS false`);
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);
    for (let i = 0; i < 3; i++) await hit(a);
    await expect(a.exchange()).resolves.toBeUndefined();
    expect(warnings).toEqual([expect.stringContaining('counted by this process alone')]);
    expect(await hit(a)).toMatchObject({ totalHits: 4, isBlocked: false });
    await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`);
    await hit(b);
    await exchange();
    expect(await hit(b)).toMatchObject({ totalHits: 6, isBlocked: true });
  });
});
