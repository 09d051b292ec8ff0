/**
 * Read-side figures: projection catch-up for all read models against a raw read of the same log
 * (the baseline), then GET /worklist and GET /kpis on the built service over 100,000 open accounts.
 */
import autocannon from 'autocannon';
import { Pool } from 'pg';
import { PostgresEventStore, type NewEvent } from '@arrears/event-store';
import { reportingZones } from '@arrears/platform';
import { AccountSearchKey, ProjectionRunner, readModelsFor } from '@arrears/projections';
import { PostgresReadStore } from '@arrears/read-store';
import { startService } from './service';

const accounts = 100_000;
const timedEvents = 100_000n;
const httpSeconds = 10;
const firstDay = Date.UTC(2025, 2, 1);
const msPerDay = 86_400_000;

export interface ReadSideResults {
  logReadRowsPerSecond: number;
  projectionEventsPerSecond: number;
  projectionRatio: number;
  worklistP50Ms: number;
  worklistP99Ms: number;
  worklistRequestsPerSecond: number;
  kpisP50Ms: number;
  kpisP99Ms: number;
  queryErrors: number;
}

export async function measureReadSide(url: string, log: (line: string) => void): Promise<ReadSideResults> {
  const events = await PostgresEventStore.connect({ connectionString: url, poolSize: 8 });
  log(`writing ${accounts} accounts spread over a year…`);
  await writeAccounts(events);
  const baseline = await readLogBaseline(url);
  log('measuring (e) projection catch-up, all read models together…');
  const reads = await PostgresReadStore.connect(url, 8);
  const runner = new ProjectionRunner(events, reads, readModelsFor(reportingZones({}), new AccountSearchKey('bench-search-key-of-at-least-32-characters')), {
    batchSize: 1000,
    batchWaitMs: 5,
  });
  const started = process.hrtime.bigint();
  runner.start();
  await runner.waitFor(timedEvents, 600_000);
  const projectionRate = Number(timedEvents) / (Number(process.hrtime.bigint() - started) / 1e9);
  await runner.waitFor(await events.headPosition(), 600_000);
  await runner.stop();
  await reads.close();
  // What autovacuum does soon after a bulk load: statistics, so the planner picks the right indexes.
  const pool = new Pool({ connectionString: url, max: 1 });
  await pool.query('ANALYZE');
  await pool.end();
  await events.close();
  log('measuring (f) GET /worklist, 20 connections, and (g) GET /kpis over 365 days…');
  const http = await queryLatencies(url);
  return {
    logReadRowsPerSecond: Math.round(baseline),
    projectionEventsPerSecond: Math.round(projectionRate),
    projectionRatio: Math.round((projectionRate / baseline) * 100) / 100,
    ...http,
  };
}

/** Every account opens and gets an invoice; one in four also pays part and misses the rest. */
async function writeAccounts(store: PostgresEventStore): Promise<void> {
  const append = async (i: number) => {
    const accountId = `acc-${i}`;
    const creditorId = `cred-${i % 10}`;
    const day = new Date(firstDay + Math.floor((i * 365) / accounts) * msPerDay).toISOString();
    const issuedOn = day.slice(0, 10);
    const dueOn = new Date(Date.parse(day) + 30 * msPerDay).toISOString().slice(0, 10);
    const metadata = {
      correlationId: accountId,
      causationId: accountId,
      actor: { id: 'bench', role: 'system' },
      occurredAt: day,
      recordedAt: day,
      schemaVersion: 1,
      creditorId,
    };
    const event = (type: string, data: Record<string, unknown>, n: number): NewEvent => ({
      id: `00000000-0000-4000-8000-${(i * 10 + n).toString(16).padStart(12, '0')}`,
      type,
      data,
      metadata,
    });
    const amount = 5_000 + (i % 997) * 100;
    const batch = [
      event('AccountOpened', { accountId, creditorId, debtor: { reference: accountId, timeZone: 'UTC' } }, 0),
      event('InvoiceIssued', { invoiceId: 'inv-1', amount, currency: 'EUR', issuedOn, dueOn, terms: { graceDays: 0 } }, 1),
    ];
    if (i % 4 === 0) {
      batch.push(
        event(
          'PaymentReceived',
          {
            paymentId: 'pay-1',
            amount: 1_000,
            currency: 'EUR',
            receivedOn: issuedOn,
            method: 'card',
            allocations: [{ invoiceId: 'inv-1', amount: 1_000 }],
            installmentAllocations: [],
            credited: 0,
          },
          2,
        ),
        event('PaymentMissed', { invoiceId: 'inv-1', dueOn, overdueAmount: amount - 1_000, currency: 'EUR', missedOn: dueOn }, 3),
      );
    }
    await store.append(`account-${accountId}`, batch, { expectedRevision: 'no_stream' });
  };
  for (let next = 0; next < accounts; next += 32) await Promise.all(Array.from({ length: 32 }, (_, k) => append(next + k)));
}

/** The baseline: reading the first 100,000 events back in position order, 1,000 rows a query. */
async function readLogBaseline(url: string): Promise<number> {
  const pool = new Pool({ connectionString: url, max: 1 });
  const started = process.hrtime.bigint();
  for (let after = 0; after < Number(timedEvents); after += 1000) {
    await pool.query('SELECT position, stream_id, revision, event_id, type, data, metadata FROM events WHERE position > $1 ORDER BY position LIMIT 1000', [
      after,
    ]);
  }
  const rate = Number(timedEvents) / (Number(process.hrtime.bigint() - started) / 1e9);
  await pool.end();
  return rate;
}

async function queryLatencies(url: string) {
  const service = await startService(url);
  const { base } = service;
  try {
    // Tokens as a supervisor holds one: a supervisor may read both the worklist and the KPIs.
    const headers = await service.as('supervisor');
    const run = (path: string, connections: number, seconds: number) => autocannon({ url: `${base}${path}`, connections, duration: seconds, headers });
    // Warm-up: JIT, and every pooled connection's prepared statements settle on their plans.
    await run('/worklist?limit=20', 20, 5);
    const worklist = await run('/worklist?limit=20', 20, httpSeconds);
    const kpiPath = '/kpis?from=2025-03-01&to=2026-02-28';
    await run(kpiPath, 4, 5);
    const kpis = await run(kpiPath, 4, httpSeconds);
    return {
      worklistP50Ms: worklist.latency.p50,
      worklistP99Ms: worklist.latency.p99,
      worklistRequestsPerSecond: Math.round(worklist['2xx'] / httpSeconds),
      kpisP50Ms: kpis.latency.p50,
      kpisP99Ms: kpis.latency.p99,
      queryErrors: worklist.non2xx + worklist.errors + kpis.non2xx + kpis.errors,
    };
  } finally {
    await service.stop();
  }
}
