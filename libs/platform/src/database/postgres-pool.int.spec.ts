import type { Pool } from 'pg';
import { createTestDatabase } from '../../../../test/setup/test-database';
import { postgresPool } from './postgres-pool';

describe('postgresPool', () => {
  let pool: Pool;
  /** The backends serving `count` queries at once, each held long enough that none is reused. */
  const backendsOf = async (count: number) =>
    new Set(
      await Promise.all(
        Array.from({ length: count }, async () => (await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid, pg_sleep(0.05)')).rows[0]?.pid),
      ),
    );

  beforeEach(async () => {
    const url = await createTestDatabase();
    // Timers faked before the pool opens anything: an idle timeout would be one of them. I/O stays real.
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    pool = postgresPool(url, 3);
  });
  afterEach(async () => {
    jest.useRealTimers();
    await pool.end();
  });

  it('keeps the connections a burst opened, however long they stay idle', async () => {
    const burst = await backendsOf(3);
    expect(burst.size).toBe(3);

    // An hour idle: pg's default would have closed them after 10 s, and the next burst would open new ones.
    jest.advanceTimersByTime(60 * 60 * 1000);

    expect(pool.totalCount).toBe(3);
    expect(await backendsOf(3)).toEqual(burst);
  });
});
