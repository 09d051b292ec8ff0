import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { ContactPoliciesInForce } from '@arrears/commands';
import { InMemoryEventStore, type ChainCheckpointer } from '@arrears/event-store';
import { FixedClock, loadConfig, RandomIdGenerator } from '@arrears/platform';
import { PostgresReadStore } from '@arrears/read-store';
import { createTestDatabase } from '../../../test/setup/test-database';
import type { NotificationSender } from './notifications/notification.port';
import { OutboxDispatcher } from './outbox/outbox-dispatcher';
import { SchedulerLoop } from './scheduler.module';
import type { TimelineScheduler } from './timeline/timeline-scheduler';

describe('SchedulerLoop when the outbox’s store is unreachable', () => {
  const admin = new Client({ connectionString: process.env.ARREARS_TEST_POSTGRES_URL });
  let reads: PostgresReadStore;
  let database: string;
  beforeAll(async () => {
    await admin.connect();
    const url = await createTestDatabase();
    database = new URL(url).pathname.slice(1);
    reads = await PostgresReadStore.connect(url);
  });
  afterAll(async () => {
    await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`);
    await reads.close();
    await admin.end();
    jest.restoreAllMocks();
  });

  it('wakes less and less often while it fails, with jitter, and logs only the first failure and the recovery', async () => {
    const logged: string[] = [];
    for (const level of ['log', 'warn', 'error'] as const) {
      jest.spyOn(Logger.prototype, level).mockImplementation((...args: unknown[]) => void logged.push(`${level}: ${String(args[0])}`));
    }
    const wakes: number[] = [];
    // The timeline's part of a wake is not under test: it only marks when each wake begins.
    const timeline = {
      runOnce: () => {
        wakes.push(Date.now());
        return Promise.resolve({ accounts: 0, commands: 0, refused: 0, failed: 0 });
      },
    } as unknown as TimelineScheduler;
    // The outbox is empty and chain checkpoints are off: neither the sender nor the checkpointer is ever called.
    const sender: NotificationSender = { send: () => Promise.resolve() };
    const config = loadConfig({ SCHEDULER_INTERVAL_MS: '100', CHAIN_CHECKPOINT_INTERVAL_MS: '0' });
    const clock = new FixedClock(new Date('2026-03-01T00:00:00Z'));
    const outbox = new OutboxDispatcher(reads, new InMemoryEventStore(), sender, clock, new RandomIdGenerator(), config, new ContactPoliciesInForce(config));
    // Where each wake ends (it fails in the outbox): the pause before the next is the backoff's alone.
    const ends: number[] = [];
    const dispatch = outbox.dispatch.bind(outbox);
    jest.spyOn(outbox, 'dispatch').mockImplementation(async (leaseMs) => {
      try {
        return await dispatch(leaseMs);
      } finally {
        ends.push(Date.now());
      }
    });
    const loop = new SchedulerLoop(config, timeline, outbox, {} as ChainCheckpointer);
    loop.onApplicationBootstrap();
    await until(() => wakes.length >= 3);
    logged.length = 0;

    // A real outage: the database's sessions ended, new ones refused.
    await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS false`);
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);
    const outageStart = wakes.length;
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const during = wakes.slice(outageStart);
    await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`);
    await until(() => logged.some((line) => line.includes('succeed again')), 10_000);
    await loop.beforeApplicationShutdown();

    // Every 100 ms, 3 s would be some 30 wakes; with the delays doubling from 100–200 ms, about five.
    expect(during.length).toBeLessThan(10);
    expect(during.length).toBeGreaterThanOrEqual(4);
    // The n-th pause is drawn between half its ceiling and its ceiling, 200 ms doubled n times: at least 100 · 2^n
    // (a timer may fire a millisecond early, never more). A wake's own time is left out: its failure may take a while.
    const pauses = during.slice(1).map((at, i) => at - (ends[outageStart + i] as number));
    for (const [n, pause] of pauses.entries()) expect(pause).toBeGreaterThanOrEqual(100 * 2 ** n - 2);
    expect(logged).toEqual([
      expect.stringMatching(/^error: Wake failed: .+; waking again with backoff$/),
      expect.stringMatching(/^log: Wakes succeed again, after \d+ failed$/),
    ]);
  });
});

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
