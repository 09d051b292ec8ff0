import { setTimeout as sleep } from 'node:timers/promises';
import { createTestDatabase } from '../../../test/setup/test-database';
import { underLease } from './lease-renewal';
import { PostgresReadStore } from './postgres/postgres.read-store';

describe('work under a lease', () => {
  let store: PostgresReadStore;
  beforeAll(async () => {
    store = await PostgresReadStore.connect(await createTestDatabase());
  });
  afterAll(async () => {
    await store.close();
  });

  it('runs one owner’s work at a time; the other runs nothing meanwhile, and may run once the first is done', async () => {
    let release: () => void = () => undefined;
    const holding = new Promise<void>((resolve) => (release = resolve));
    const first = underLease(store, 'sweep-a', 'process-1', 5_000, async () => {
      await holding;
      return 'first swept';
    });
    await sleep(50);

    expect(await underLease(store, 'sweep-a', 'process-2', 5_000, () => Promise.resolve('second swept'))).toBeUndefined();
    release();
    expect(await first).toBe('first swept');
    expect(await underLease(store, 'sweep-a', 'process-2', 5_000, () => Promise.resolve('second swept'))).toBe('second swept');
  });

  it('keeps the lease past its time to live while the work runs, and releases it when the work fails', async () => {
    const ttlMs = 600;
    const long = underLease(store, 'sweep-b', 'process-1', ttlMs, async (lost) => {
      await sleep(3 * ttlMs);
      return lost.aborted;
    });
    await sleep(2 * ttlMs);

    expect(await underLease(store, 'sweep-b', 'process-2', ttlMs, () => Promise.resolve('taken'))).toBeUndefined();
    expect(await long).toBe(false);
    await expect(underLease(store, 'sweep-b', 'process-2', ttlMs, () => Promise.reject(new Error('store down')))).rejects.toThrow('store down');
    expect(await underLease(store, 'sweep-b', 'process-3', ttlMs, () => Promise.resolve('taken'))).toBe('taken');
  });

  it('tells the work once another owner has taken the lease over', async () => {
    const ttlMs = 300;
    const overtaken = underLease(store, 'sweep-c', 'process-1', ttlMs, async (lost) => {
      await store.acquireLease('sweep-c', 'process-2', ttlMs, { takeOver: true });
      await sleep(2 * ttlMs);
      return lost.aborted;
    });

    expect(await overtaken).toBe(true);
  });

  it('leaves the lease free once the work is done, even with a renewal on its way then', async () => {
    const ttlMs = 300;
    const acquire = store.acquireLease.bind(store);
    let calls = 0;
    // Every renewal of process-1 reaches the store 150 ms late, as over a slow connection.
    const spy = jest.spyOn(store, 'acquireLease').mockImplementation(async (name, owner, ttl, options) => {
      if (owner === 'process-1' && calls++ > 0) await sleep(150);
      return acquire(name, owner, ttl, options);
    });
    try {
      // The first renewal leaves at ttl / 3 and lands after the work has ended and the lease was released.
      expect(await underLease(store, 'sweep-d', 'process-1', ttlMs, () => sleep(ttlMs / 3 + 20).then(() => 'done'))).toBe('done');
      await sleep(200);

      expect(await underLease(store, 'sweep-d', 'process-2', ttlMs, () => Promise.resolve('taken'))).toBe('taken');
    } finally {
      spy.mockRestore();
    }
  });
});
