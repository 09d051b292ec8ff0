import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { Pool } from 'pg';
import { PostgresEventStore, type NewEvent } from '@arrears/event-store';
import { loadConfig, reportingZones } from '@arrears/platform';
import { AccountSearchKey, collectionsOf, ProjectionRunner, readModelsFor, ScoringInForce, withStoredShapes } from '@arrears/projections';
import { DEAD_LETTERS } from '@arrears/projections';
import { PostgresReadStore, type ReadStore } from '@arrears/read-store';
import { createTestDatabase } from '../setup/test-database';
import { closedAfterAll } from './support/closed-after-all';
import { testKeyEncryptionKey } from './support/test-api';

const projector = join(resolve(__dirname, '../..'), 'dist/apps/projector/src/main.js');
const accounts = 4_000; // × 6 events = 24,000
const appName = 'crash_test_projector';
// The key the projector below derives its search digests from, and the score models it loads (SCORE_MODELS_DIR's
// default): the same, so both runs store the same documents.
const readModels = readModelsFor(reportingZones({}), new AccountSearchKey(testKeyEncryptionKey), new ScoringInForce(loadConfig({})).scoring);

/**
 * The projector survives a crash at any point: 24,000 events, the built projector in a child process
 * SIGKILLed in the middle of catching up, restarted, its database connections cut mid-batch, and in
 * the end every read model equals a rebuild from zero, document for document.
 */
describe('projector crash recovery (e2e)', () => {
  let url: string;
  let events: PostgresEventStore;
  let reads: PostgresReadStore;
  let admin: Pool;
  const closeLater = closedAfterAll();
  beforeAll(async () => {
    url = await createTestDatabase();
    events = closeLater(await PostgresEventStore.connect({ connectionString: url, poolSize: 8 }), (store) => store.close());
    reads = closeLater(await PostgresReadStore.connect(url), (store) => store.close());
    admin = closeLater(new Pool({ connectionString: url, max: 1 }), (pool) => pool.end());
    await writeHistory(events);
  }, 120_000);

  it('ends identical to a fresh rebuild after a SIGKILL mid catch-up and connections cut mid-batch', async () => {
    const head = await events.headPosition();
    expect(head).toBeGreaterThanOrEqual(24_000n);

    const first = startProjector(url);
    const reached = await until(async () => {
      const positions = await checkpoints(reads);
      return positions.some((position) => position > 0n) ? positions : undefined;
    }, first);
    first.kill('SIGKILL');
    await exited(first);
    expect(reached.some((position) => position < head)).toBe(true); // killed before it was done

    const second = startProjector(url);
    // Cut its connections twice while it catches up (each time once it has made progress, so it is past
    // start-up and working through batches): the runner backs off, reconnects and resumes.
    let before = total(await checkpoints(reads));
    for (let cut = 0; cut < 2; cut++) {
      const cutOff = await until(async () => {
        const positions = await checkpoints(reads);
        if (total(positions) <= before || positions.every((position) => position >= head)) return undefined;
        before = total(positions);
        const { rowCount } = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [appName]);
        return rowCount ? rowCount : undefined;
      }, second);
      expect(cutOff).toBeGreaterThan(0);
    }
    await until(async () => ((await checkpoints(reads)).every((position) => position >= head) ? true : undefined), second, 90_000);
    second.kill('SIGTERM');
    await exited(second);

    const fresh = await PostgresReadStore.connect(await createTestDatabase());
    // Stored as the projector stores them (the account fold's documents slim), so that the rows compare as stored.
    const runner = new ProjectionRunner(events, withStoredShapes(fresh), readModels, { batchSize: 500, batchWaitMs: 5 });
    runner.start();
    expect(await runner.waitFor(head, 90_000)).toBe(true);
    await runner.stop();
    for (const [collection] of readModels.flatMap(({ projection }) => collectionsOf(projection))) {
      const recovered = await everything(reads, collection);
      expect(recovered.length).toBeGreaterThan(0);
      expect(recovered).toEqual(await everything(fresh, collection));
    }
    expect(await reads.find(DEAD_LETTERS)).toEqual([]);
    await fresh.close();
  }, 240_000);
});

function startProjector(url: string): ChildProcess {
  const separator = url.includes('?') ? '&' : '?';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    EVENT_STORE_URL: `${url}${separator}application_name=${appName}`,
    PROJECTOR_BATCH_SIZE: '100',
    PROJECTOR_LEASE_MS: '1000',
    LOG_LEVEL: 'error',
    // The projector opens debtors' data, so it needs the key-encryption key; it chains nothing, so not the chain key.
    KEY_ENCRYPTION_KEY: testKeyEncryptionKey,
  };
  delete env.READ_STORE_URL;
  const child = spawn(process.execPath, [projector], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += String(chunk);
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += String(chunk);
  });
  Object.assign(child, { output: () => output });
  return child;
}

async function until<T>(check: () => Promise<T | undefined>, child: ChildProcess, timeoutMs = 60_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    if (child.exitCode !== null) throw new Error(`The projector exited:\n${(child as unknown as { output: () => string }).output()}`);
    const result = await check();
    if (result !== undefined) return result;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('Timed out');
}

const exited = (child: ChildProcess) =>
  new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      done();
      return;
    }
    child.once('exit', () => {
      done();
    });
  });

const total = (positions: bigint[]) => positions.reduce((sum, position) => sum + position, 0n);

const checkpoints = (reads: ReadStore) => Promise.all(readModels.map(async ({ projection }) => (await reads.checkpoint(projection.name)) ?? 0n));

const everything = async (store: ReadStore, collection: string) => store.find(collection, { orderBy: [{ field: 'id', direction: 'asc' }] });

/** 4,000 accounts of five creditors, six events each, recorded an hour apart (so KPIs span months). */
async function writeHistory(store: PostgresEventStore): Promise<void> {
  const append = async (i: number) => {
    const accountId = `crash-${i}`;
    const creditorId = `cred-${i % 5}`;
    const recordedAt = new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString();
    const event = (type: string, data: Record<string, unknown>, n: number): NewEvent => ({
      id: `00000000-0000-4000-8000-${(i * 10 + n).toString(16).padStart(12, '0')}`,
      type,
      data,
      metadata: {
        correlationId: accountId,
        causationId: accountId,
        actor: { id: 'loader', role: 'system' },
        occurredAt: recordedAt,
        recordedAt,
        schemaVersion: 1,
        creditorId,
      },
    });
    const amount = 10_000 + (i % 97) * 100;
    await store.append(
      `account-${accountId}`,
      [
        // A name (stored as it is here: nothing seals it) for the search's index to recover too.
        event('AccountOpened', { accountId, creditorId, debtor: { reference: `D-${i}`, name: `Debtor Number${i}`, timeZone: 'UTC' } }, 0),
        event('InvoiceIssued', { invoiceId: 'inv-1', amount, currency: 'EUR', issuedOn: '2026-01-01', dueOn: '2026-01-31', terms: { graceDays: 0 } }, 1),
        event('InvoiceIssued', { invoiceId: 'inv-2', amount: 5_000, currency: 'EUR', issuedOn: '2026-02-01', dueOn: '2026-02-28', terms: { graceDays: 0 } }, 2),
        event(
          'PaymentReceived',
          {
            paymentId: 'pay-1',
            amount: 7_000,
            currency: 'EUR',
            receivedOn: '2026-02-10',
            method: 'card',
            allocations: [{ invoiceId: 'inv-1', amount: 7_000 }],
            installmentAllocations: [],
            credited: 0,
          },
          3,
        ),
        // Every fourth account got a reminder instead, so the outbox has notifications to recover too.
        i % 4 === 0
          ? event(
              'ReminderSent',
              {
                notificationId: `${accountId}:inv-2:reminder`,
                invoiceId: 'inv-2',
                step: 'reminder',
                channel: 'email',
                template: 'payment-reminder',
                amount: 5_000,
                currency: 'EUR',
                dueOn: '2026-02-28',
                sentAt: recordedAt,
              },
              4,
            )
          : event('PaymentMissed', { invoiceId: 'inv-1', dueOn: '2026-01-31', overdueAmount: amount - 7_000, currency: 'EUR', missedOn: '2026-02-01' }, 4),
        // And an agent each, for the team's assignments.
        event('AccountAssigned', { agentId: `agent-${i % 7}` }, 5),
      ],
      { expectedRevision: 'no_stream' },
    );
  };
  for (let next = 0; next < accounts; next += 16) await Promise.all(Array.from({ length: 16 }, (_, k) => append(next + k)));
}
