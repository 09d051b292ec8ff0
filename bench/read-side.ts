/**
 * Read-side figures for a portfolio of a given size: projection catch-up for all read models against
 * a raw read of the same log (the baseline), a rebuild of every model from zero, then GET /worklist,
 * GET /accounts/:id and GET /kpis on the built service, and the service's memory after them.
 */
import autocannon from 'autocannon';
import { readFile } from 'node:fs/promises';
import { Pool } from 'pg';
import { PostgresEventStore } from '@arrears/event-store';
import { reportingZones } from '@arrears/platform';
import { AccountSearchKey, ProjectionRunner, readModelsFor, rebuildProjection, withStoredShapes, type ReadModel } from '@arrears/projections';
import { PostgresReadStore, type ReadStore } from '@arrears/read-store';
import { vacuumAnalyze } from './bench-accounts';
import { pacedLoad, type PacedLatency } from './paced-load';
import { benchPortfolio, simulatedPortfolio, type Portfolio } from './portfolio';
import { startService, withCpu } from './service';

/** The portfolio `npm run bench` measures unless told another size (`--accounts`). */
export const defaultAccounts = 100_000;
const httpSeconds = 10;
/**
 * A paced run's p99 is its 1 % slowest answers: in 10 s at half the rate that is a few stalls of a
 * two-core machine's scheduler or collector, and one more or less moved it from 10 to 55 ms between
 * runs of the same build. Three times as long holds three times as many.
 */
const pacedSeconds = 30;
const runnerOptions = { batchSize: 1000, batchWaitMs: 5 };

export interface ReadSideResults {
  accounts: number;
  /** How the portfolio was written (the bench's accounts, or the simulator's). */
  portfolio: string;
  /** How many creditors its accounts belong to. */
  creditors: number;
  events: number;
  logReadRowsPerSecond: number;
  projectionEventsPerSecond: number;
  projectionRatio: number;
  rebuildEventsPerSecond: number;
  rebuildSeconds: number;
  /** 20 connections asking as fast as answered, with the CPU a page: what the latency under load is made of. */
  worklist: ClosedLoop;
  /** The same pages for a token of one creditor, as an agent holds one: its lines among every creditor's. */
  worklistOfOne: ClosedLoop;
  account: ClosedLoop;
  /** The same reads paced at half the rate each reached above, without the closed loop's own queue of 20 requests. */
  worklistPaced: PacedLatency;
  accountPaced: PacedLatency;
  /** The same store reads from bare Fastify routes, paced at the same rates: the floor of those two rows. */
  worklistPacedBare: PacedLatency;
  accountPacedBare: PacedLatency;
  kpisP50Ms: number;
  kpisP99Ms: number;
  serviceRssMiB: number;
  queryErrors: number;
}

/** A closed-loop load's latency, rate and CPU per answer (service + PostgreSQL). */
export interface ClosedLoop {
  p50Ms: number;
  p99Ms: number;
  requestsPerSecond: number;
  serviceCpuMs: number;
  postgresCpuMs: number;
}

export const benchReadModels = (): ReadModel[] => readModelsFor(reportingZones({}), new AccountSearchKey('bench-search-key-of-at-least-32-characters'));

/** On the bench's own accounts, or on a portfolio the simulator lives for `simulatedDays` days. */
export async function measureReadSide(url: string, log: (line: string) => void, accounts = defaultAccounts, simulatedDays?: number): Promise<ReadSideResults> {
  const events = await PostgresEventStore.connect({ connectionString: url, poolSize: 8 });
  const portfolio = simulatedDays ? await simulatedPortfolio(url, accounts, simulatedDays, log) : await benchPortfolio(events, accounts, log);
  const head = await events.headPosition();
  const baseline = await readLogBaseline(url, head);
  log(`measuring (e) projection catch-up of ${head} events, all read models together…`);
  const reads = withStoredShapes(await PostgresReadStore.connect(url, 8));
  const projectionRate = await catchUp(events, reads);
  await vacuumAnalyze(url);
  log(`measuring (e) the rebuild of every read model from zero…`);
  const rebuild = await rebuildAll(events, reads, log);
  await reads.close();
  await events.close();
  await vacuumAnalyze(url);
  log('measuring (f) GET /worklist and GET /accounts/:id, 20 connections unpaced and then at half that rate, and (g) GET /kpis over 365 days…');
  const http = await queryLatencies(url, portfolio);
  return {
    accounts,
    portfolio: portfolio.kind,
    creditors: portfolio.creditors.length,
    events: Number(head),
    logReadRowsPerSecond: Math.round(baseline),
    projectionEventsPerSecond: Math.round(projectionRate),
    projectionRatio: Math.round((projectionRate / baseline) * 100) / 100,
    rebuildEventsPerSecond: Math.round(Number(head) / rebuild),
    rebuildSeconds: Math.round(rebuild * 10) / 10,
    ...http,
  };
}

/**
 * Events per second of the runner catching up with every read model from an empty read store,
 * timed after a warm-up (the first tenth of the log: JIT, connections, plans).
 */
export async function catchUp(events: PostgresEventStore, reads: ReadStore): Promise<number> {
  const head = await events.headPosition();
  const warm = head / 10n;
  const runner = new ProjectionRunner(events, reads, benchReadModels(), runnerOptions);
  runner.start();
  await runner.waitFor(warm, 600_000);
  const started = process.hrtime.bigint();
  await runner.waitFor(head, 3_600_000);
  const rate = Number(head - warm) / (Number(process.hrtime.bigint() - started) / 1e9);
  await runner.stop();
  return rate;
}

/** Seconds to rebuild every read model from position 0 beside the live ones and swap them in, all at once. */
async function rebuildAll(events: PostgresEventStore, reads: ReadStore, log: (line: string) => void): Promise<number> {
  const started = Date.now();
  const at = new Map<string, bigint>();
  const timer = setInterval(() => {
    const done = [...at.values()].reduce((least, position) => (position < least ? position : least), BigInt(Number.MAX_SAFE_INTEGER));
    log(`  rebuilding: every model past position ${at.size ? done : 0n} after ${Math.round((Date.now() - started) / 1000)} s`);
  }, 10_000);
  try {
    await Promise.all(
      benchReadModels().map((model) =>
        rebuildProjection(events, reads, model, {
          ...runnerOptions,
          progress: (position) => at.set(model.projection.name, position),
        }),
      ),
    );
  } finally {
    clearInterval(timer);
  }
  return (Date.now() - started) / 1000;
}

/**
 * The baseline: reading the log back in position order, 1,000 rows a query, timed over the range catch-up is timed
 * on (its first tenth read first, as catch-up's warm-up), so that the two rates are of the same rows.
 */
async function readLogBaseline(url: string, head: bigint): Promise<number> {
  const pool = new Pool({ connectionString: url, max: 1 });
  /** Reads every row after `from` up to `to`; how many. */
  const read = async (from: bigint, to: bigint): Promise<number> => {
    let rows = 0;
    for (let after = from; after < to;) {
      const page = await pool.query<{ position: string }>(
        'SELECT position, stream_id, revision, event_id, type, data, metadata FROM events WHERE position > $1 AND position <= $2 ORDER BY position LIMIT 1000',
        [after.toString(), to.toString()],
      );
      if (page.rows.length === 0) break;
      rows += page.rows.length;
      after = BigInt((page.rows[page.rows.length - 1] as { position: string }).position);
    }
    return rows;
  };
  const warm = head / 10n;
  await read(0n, warm);
  const started = process.hrtime.bigint();
  const rows = await read(warm, head);
  const rate = rows / (Number(process.hrtime.bigint() - started) / 1e9);
  await pool.end();
  return rate;
}

async function queryLatencies(url: string, portfolio: Portfolio) {
  const service = await startService(url);
  const bare = await startService(url, {}, './bare-read-service.js').catch(async (error: unknown) => {
    await service.stop();
    throw error;
  });
  const { base } = service;
  try {
    // Tokens as a supervisor holds one: a supervisor may read the worklist, any account and the KPIs.
    const headers = await service.as('supervisor');
    // Account reads as most callers make them, for the creditors they work for: each read checks that
    // the account is one of theirs (a token for every creditor skips that check).
    const scoped = await service.as('supervisor', portfolio.creditors);
    // Each request reads an account picked at random across the portfolio, so the cache helps no more than it would.
    const { accountPath } = portfolio;
    /** `connections` on paths from `pathOf`, each asking again as soon as it is answered. */
    const reads = (pathOf: () => string, seconds: number, connections = 20, as = headers, url = base) =>
      autocannon({
        url,
        connections,
        duration: seconds,
        headers: as,
        requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: pathOf() }) }],
      });
    /** The service paced at `perSecond`, then the bare route warmed up as the service was and paced alike. */
    const pacedBoth = async (pathOf: () => string, perSecond: number, as: Record<string, string>) => {
      const ours = await pacedLoad({ base, headers: as, pathOf, perSecond, seconds: pacedSeconds });
      await reads(pathOf, 5, 20, {}, bare.base);
      return { ours, bare: await pacedLoad({ base: bare.base, headers: {}, pathOf, perSecond, seconds: pacedSeconds }) };
    };
    const worklistPath = () => '/worklist?limit=20';
    // Warm-up: JIT, and every pooled connection's prepared statements settle on their plans.
    await reads(worklistPath, 5);
    const worklist = await withCpu(service, () => reads(worklistPath, httpSeconds));
    const { ours: worklistPaced, bare: worklistPacedBare } = await pacedBoth(worklistPath, halfTheRateOf(worklist), headers);
    const ofOne = await service.as('agent', portfolio.creditors.slice(0, 1));
    await reads(worklistPath, 5, 20, ofOne);
    const worklistOfOne = await withCpu(service, () => reads(worklistPath, httpSeconds, 20, ofOne));
    await reads(accountPath, 5, 20, scoped);
    const account = await withCpu(service, () => reads(accountPath, httpSeconds, 20, scoped));
    const { ours: accountPaced, bare: accountPacedBare } = await pacedBoth(accountPath, halfTheRateOf(account), scoped);
    const { kpiPath } = portfolio;
    await reads(kpiPath, 5, 4);
    const kpis = await reads(kpiPath, httpSeconds, 4);
    return {
      worklist: closedLoop(worklist),
      worklistOfOne: closedLoop(worklistOfOne),
      account: closedLoop(account),
      worklistPaced,
      accountPaced,
      worklistPacedBare,
      accountPacedBare,
      kpisP50Ms: kpis.latency.p50,
      kpisP99Ms: kpis.latency.p99,
      serviceRssMiB: await rssMiB(service.pid),
      queryErrors: [worklist, worklistOfOne, account, kpis].reduce(
        (sum, result) => sum + result.non2xx + result.errors,
        [worklistPaced, accountPaced, worklistPacedBare, accountPacedBare].reduce((sum, paced) => sum + paced.errors, 0),
      ),
    };
  } finally {
    await Promise.all([service.stop(), bare.stop()]);
  }
}

/**
 * Half the rate a load reached with 20 connections asking as fast as they were answered. There, latency
 * is mostly queueing behind one service thread (20 requests in turn); at half the rate the thread
 * is busy half the time, which leaves the cost of a request and the pauses it meets.
 */
const halfTheRateOf = (saturated: autocannon.Result) => Math.max(1, Math.round(saturated['2xx'] / httpSeconds / 2));

const closedLoop = (result: autocannon.Result & { serviceCpuMs: number; postgresCpuMs: number }): ClosedLoop => ({
  p50Ms: result.latency.p50,
  p99Ms: result.latency.p99,
  requestsPerSecond: Math.round(result['2xx'] / httpSeconds),
  serviceCpuMs: microseconds(result.serviceCpuMs),
  postgresCpuMs: microseconds(result.postgresCpuMs),
});

/** Milliseconds to the microsecond. */
const microseconds = (ms: number) => Math.round(ms * 1000) / 1000;

/** The resident memory of a process (Linux), in MiB. */
async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024);
}

const sized = (accounts: number) => (accounts >= 1_000_000 ? `${accounts / 1_000_000}M` : accounts >= 1_000 ? `${accounts / 1_000}k` : String(accounts));

/** The figures of one portfolio size as table rows, each with its target. */
export function readSideRows(read: ReadSideResults): Record<string, { value: string; target: string }> {
  const at = `${sized(read.accounts)} ${read.portfolio}`;
  return {
    [`(e) log read back, the rows catch-up is timed on, ${at}`]: { value: `${read.logReadRowsPerSecond} rows/s`, target: 'baseline' },
    [`(e) catch-up, ${benchReadModels().length} models, ${read.events} events`]: {
      value: `${read.projectionEventsPerSecond} events/s`,
      target: `≥ 0.25× (ratio ${read.projectionRatio})`,
    },
    [`(e) rebuild of every model from zero, ${at}`]: { value: `${read.rebuildEventsPerSecond} events/s in ${read.rebuildSeconds} s`, target: 'reported' },
    [`(f) GET /worklist, ${at}, 20 conns, unpaced`]: {
      value: closed(read.worklist),
      target: 'the most it answers: reported',
    },
    [`(f) GET /worklist, ${at}, paced at half that`]: {
      value: paced(read.worklistPaced),
      target: `p99 ≤ 10 ms at 1M; ${overFloor(read.worklistPaced, read.worklistPacedBare)}`,
    },
    [`(f) bare Fastify + the same worklist read, ${at}, paced alike`]: { value: paced(read.worklistPacedBare), target: 'baseline' },
    [`(f) GET /worklist, ${at}, a token of one creditor (of ${read.creditors}), 20 conns, unpaced`]: {
      value: `${closed(read.worklistOfOne)}, CPU a page ${cpu(read.worklistOfOne)}`,
      target: 'reported',
    },
    [`(f) GET /accounts/:id, ${at}, 20 conns, unpaced`]: {
      value: closed(read.account),
      target: 'the most it answers: reported',
    },
    [`(f) GET /accounts/:id, ${at}, paced at half that`]: {
      value: paced(read.accountPaced),
      target: `p99 ≤ 5 ms at 1M; ${overFloor(read.accountPaced, read.accountPacedBare)}`,
    },
    [`(f) bare Fastify + the same account read, ${at}, paced alike`]: { value: paced(read.accountPacedBare), target: 'baseline' },
    [`(f) CPU per worklist page / account read, service + PostgreSQL, ${at}`]: {
      value: `${cpu(read.worklist)} / ${cpu(read.account)}`,
      target: 'reported',
    },
    [`(g) GET /kpis, 365 days, 64 windows in turn, ${at}`]: { value: `p50 ${read.kpisP50Ms} / p99 ${read.kpisP99Ms} ms`, target: 'p99 ≤ 50 ms' },
    [`(f, g) service RSS after the queries, ${at}`]: { value: `${read.serviceRssMiB} MiB`, target: 'reported' },
    [`(f, g) non-2xx or errors, ${at}`]: { value: String(read.queryErrors), target: '0' },
  };
}

const closed = ({ p50Ms, p99Ms, requestsPerSecond }: ClosedLoop) => `p50 ${p50Ms} / p99 ${p99Ms} ms (${requestsPerSecond}/s)`;
const cpu = ({ serviceCpuMs, postgresCpuMs }: ClosedLoop) => `${serviceCpuMs} + ${postgresCpuMs} ms`;
const paced = ({ requestsPerSecond, p50Ms, p99Ms, client }: PacedLatency) =>
  `p50 ${p50Ms} / p99 ${p99Ms} ms at ${requestsPerSecond}/s (the client's own loop late ≤ ${client.loopDelayMaxMs} ms, its longest collection ${client.longestCollectionMs} ms)`;

/** A paced p99 as a multiple of the bare route's at the same rate. */
const overFloor = (service: PacedLatency, bare: PacedLatency) =>
  bare.p99Ms > 0 && Number.isFinite(service.p99Ms) ? `p99 ${Math.round((service.p99Ms / bare.p99Ms) * 10) / 10}× the bare route's` : 'no bare p99 to compare';

/** `--accounts 10000,100000,1000000`: the portfolio sizes to measure, in order; the default size without it. */
export function portfolioSizes(argv: readonly string[]): number[] {
  const index = argv.indexOf('--accounts');
  if (index < 0) return [defaultAccounts];
  const sizes = (argv[index + 1] ?? '').split(',').map(Number);
  if (!sizes.length || sizes.some((size) => !Number.isSafeInteger(size) || size < 100)) {
    throw new Error('--accounts takes sizes of at least 100, separated by commas: --accounts 10000,100000,1000000');
  }
  return sizes;
}
