/**
 * (g) at another age of the portfolio: GET /kpis over the same 365 days as (g), on a portfolio whose
 * accounts opened over the 3 years up to that window's end. A report reads its window and month totals
 * before it, so its cost should not grow with the history behind the window.
 */
import autocannon from 'autocannon';
import { PostgresEventStore } from '@arrears/event-store';
import { reportingZones } from '@arrears/platform';
import { accountProjectionFor, ProjectionRunner, withStoredShapes } from '@arrears/projections';
import { PostgresReadStore } from '@arrears/read-store';
import { vacuumAnalyze, writeAccounts } from './bench-accounts';
import { kpiPathsTo } from './portfolio';
import { startService } from './service';

/** The windows queried: the same as (g)'s, 365 days up to one of the history's last days, another each time. */
const windows = kpiPathsTo('2026-02-28');

export interface KpiHistoryResults {
  years: number;
  accounts: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

/** `accounts` accounts opened evenly over `years` years, projected by the account fold, then the window's KPIs measured as (g) is. */
export async function measureKpiHistory(url: string, years: number, accounts: number, log: (line: string) => void): Promise<KpiHistoryResults> {
  const events = await PostgresEventStore.connect({ connectionString: url, poolSize: 8 });
  log(`writing ${accounts} accounts spread over ${years} years…`);
  await writeAccounts(events, accounts, years, log);
  const reads = withStoredShapes(await PostgresReadStore.connect(url, 8));
  const runner = new ProjectionRunner(events, reads, [{ projection: accountProjectionFor(reportingZones({})) }], { batchSize: 1000, batchWaitMs: 5 });
  runner.start();
  await runner.waitFor(await events.headPosition(), 900_000);
  await runner.stop();
  await reads.close();
  await events.close();
  await vacuumAnalyze(url);
  log(`measuring (g) GET /kpis over the last 365 days of ${years} years…`);
  const service = await startService(url);
  try {
    const headers = await service.as('supervisor');
    const run = (seconds: number) =>
      autocannon({
        url: service.base,
        connections: 4,
        duration: seconds,
        headers,
        requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: windows() }) }],
      });
    await run(5);
    const measured = await run(10);
    return { years, accounts, p50Ms: measured.latency.p50, p99Ms: measured.latency.p99, errors: measured.non2xx + measured.errors };
  } finally {
    await service.stop();
  }
}
