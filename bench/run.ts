/**
 * `npm run bench`: write-side figures on the embedded PostgreSQL, each next to a baseline measured in
 * the same run on the same database, so the ratios mean something on any machine. Prints a table and
 * writes bench/results/latest.json. It measures; it asserts nothing.
 */
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Client, Pool } from 'pg';
import { PostgresEventStore, type NewEvent } from '@arrears/event-store';
import { startEmbeddedPostgres } from '@arrears/platform';
import { measureImport, writeLedger, type ImportFigure } from './import';
import { measureKpiHistory } from './kpi-history';
import { measureReadSide, portfolioSizes, readSideRows, type ReadSideResults } from './read-side';
import { cleanedUpOnInterrupt, temporaryDirectory, wasInterrupted } from './interrupted';
import { benchSecrets, startService, withCpu, type BenchService } from './service';
import { measureWebhooks, webhookRows } from './webhooks';
import { benchMetadata as metadata } from './bench-metadata';
import { measureCommandLayers, type CommandLayerFigure } from './command-layers';
import { measureAccountLoads, type LoadFigure } from './account-loads';
import { measureFold, type FoldFigure } from './fold';
import { measureSweeps, sweepRows } from './scheduler-sweep';
import { measureAccountProjection, type ProjectionFigure } from './account-projection';

const clients = 8;
const streams = 1_000;
const singleSeconds = 8;
const batches = 200;
const batchSize = 100;
const httpConnections = 50;
const httpSeconds = 10;
const httpAccounts = 1_000;

const eventsTable = (name: string) => `CREATE TABLE ${name} (
  position bigserial PRIMARY KEY, stream_id text NOT NULL, revision bigint NOT NULL, event_id uuid NOT NULL,
  type text NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL,
  tx_id xid8 NOT NULL DEFAULT pg_current_xact_id(), stored_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (stream_id, revision), UNIQUE (event_id))`;

const sampleData = { paymentId: 'pay-00000001', amount: 5000, currency: 'USD', receivedOn: '2026-02-10', method: 'card' };
const newEvent = (): NewEvent => ({ id: randomUUID(), type: 'PaymentReceived', data: sampleData, metadata });

/** Runs `worker` on `count` concurrent workers until `seconds` pass; returns operations per second. */
async function forSeconds(count: number, seconds: number, worker: (index: number) => Promise<number>): Promise<number> {
  const deadline = Date.now() + seconds * 1000;
  const started = process.hrtime.bigint();
  const done = await Promise.all(
    Array.from({ length: count }, async (_, index) => {
      let operations = 0;
      while (Date.now() < deadline) operations += await worker(index);
      return operations;
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  return done.reduce((a, b) => a + b, 0) / elapsed;
}

async function createDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return adminUrl.replace(/\/[^/]+$/, `/${name}`);
}

async function singleInsertBaseline(url: string): Promise<number> {
  const pool = new Pool({ connectionString: url, max: clients });
  await pool.query(eventsTable('baseline_single'));
  const insert = (i: number) =>
    pool.query('INSERT INTO baseline_single (stream_id, revision, event_id, type, data, metadata) VALUES ($1, $2, $3, $4, $5, $6)', [
      `s-${i % streams}`,
      Math.floor(Math.random() * 1e15),
      randomUUID(),
      'PaymentReceived',
      sampleData,
      metadata,
    ]);
  await forSeconds(clients, 1, async (i) => (await insert(i), 1));
  const rate = await forSeconds(clients, singleSeconds, async (i) => (await insert(i), 1));
  await pool.end();
  return rate;
}

async function singleAppends(store: PostgresEventStore): Promise<number> {
  // Each client owns the streams ≡ its index (mod 8), so appends compete for the log, not for streams.
  const revisions = new Map<string, bigint>();
  const next = Array.from({ length: clients }, (_, i) => i);
  const append = async (client: number) => {
    const stream = `bench-${next[client]}`;
    next[client] = ((next[client] as number) + clients) % streams;
    const result = await store.append(stream, [newEvent()], { expectedRevision: revisions.get(stream) ?? 'no_stream' });
    revisions.set(stream, result.nextExpectedRevision);
    return 1;
  };
  await forSeconds(clients, 1, append);
  return forSeconds(clients, singleSeconds, append);
}

async function batchInsertBaseline(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query(eventsTable('baseline_batch'));
  const placeholders = Array.from({ length: batchSize }, (_, r) => `(${[1, 2, 3, 4, 5, 6].map((c) => `$${r * 6 + c}`).join(', ')})`).join(', ');
  const insert = (batch: number) =>
    client.query(
      `INSERT INTO baseline_batch (stream_id, revision, event_id, type, data, metadata) VALUES ${placeholders}`,
      Array.from({ length: batchSize }, (_, r) => [`b-${batch}`, r, randomUUID(), 'PaymentReceived', sampleData, metadata]).flat(),
    );
  for (let b = 0; b < 10; b++) await insert(-b - 1);
  const started = process.hrtime.bigint();
  for (let b = 0; b < batches; b++) await insert(b);
  const rate = (batches * batchSize) / (Number(process.hrtime.bigint() - started) / 1e9);
  await client.end();
  return rate;
}

async function batchAppends(store: PostgresEventStore): Promise<number> {
  const batch = () => Array.from({ length: batchSize }, newEvent);
  for (let b = 0; b < 10; b++) await store.append(`warm-${b}`, batch(), { expectedRevision: 'no_stream' });
  const started = process.hrtime.bigint();
  for (let b = 0; b < batches; b++) await store.append(`batch-${b}`, batch(), { expectedRevision: 'no_stream' });
  return (batches * batchSize) / (Number(process.hrtime.bigint() - started) / 1e9);
}

interface CommandFigures {
  commandsPerSecond: number;
  cpuMsPerCommand: number;
  /** PostgreSQL's CPU per command: with the server's and the load generator's, the machine's two cores. */
  postgresCpuMsPerCommand: number;
  p50: number;
  p99: number;
  errors: number;
}

/**
 * 50 connections POSTing payments to the server for `httpSeconds`, after a 2 s warm-up; each a new
 * payment. The server's CPU per command is the figure that holds on a busy machine.
 */
async function loadPayments(server: BenchService, headers: Record<string, string>): Promise<CommandFigures> {
  const { base } = server;
  let sequence = 0;
  const run = (seconds: number) =>
    autocannon({
      url: base,
      connections: httpConnections,
      duration: seconds,
      requests: [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          setupRequest: (request) => {
            const n = sequence++;
            return {
              ...request,
              path: `/accounts/bench-${n % httpAccounts}/payments`,
              body: JSON.stringify({ paymentId: `pay-${n}`, amount: 100, currency: 'USD', receivedOn: '2026-02-10', method: 'card' }),
            };
          },
        },
      ],
    });
  await run(2);
  const result = await withCpu(server, () => run(httpSeconds));
  return {
    commandsPerSecond: result['2xx'] / httpSeconds,
    cpuMsPerCommand: round(result.serviceCpuMs),
    postgresCpuMsPerCommand: round(result.postgresCpuMs),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

/** The baseline of (d): a bare Fastify route appending the same event with the project's `store.append`. */
async function bareAppendPayments(url: string): Promise<CommandFigures> {
  const bare = await startService(url, { DATABASE_POOL_SIZE: '16' }, './bare-append-service.js');
  try {
    return await loadPayments(bare, {});
  } finally {
    await bare.stop();
  }
}

/** The built service in its own process, against its own database of the bench's PostgreSQL. */
async function httpPayments(url: string): Promise<CommandFigures> {
  const service = await startService(url, { DATABASE_POOL_SIZE: '16' });
  const { base } = service;
  try {
    const system = await service.as('system');
    const post = (path: string, body: unknown) =>
      fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...system }, body: JSON.stringify(body) });
    for (let i = 0; i < httpAccounts; i += 50) {
      await Promise.all(
        Array.from({ length: 50 }, async (_, j) => {
          const accountId = `bench-${i + j}`;
          await post('/accounts', {
            accountId,
            creditorId: 'cred-bench',
            debtor: { reference: accountId, timeZone: 'America/New_York' },
            openedOn: '2025-12-01',
          });
          await post(`/accounts/${accountId}/invoices`, {
            invoiceId: 'inv-1',
            amount: 1_000_000_000,
            currency: 'USD',
            issuedOn: '2026-01-01',
            dueOn: '2026-01-31',
          });
        }),
      );
    }
    return await loadPayments(service, system);
  } finally {
    await service.stop();
  }
}

/** How many times (d) runs the bare route and then the service, back to back. */
const commandPathPairs = 3;

interface CommandPathFigures {
  bare: CommandFigures;
  http: CommandFigures;
  /** The service's commands/s over the bare route's, pair by pair, in the order they ran. */
  ratios: number[];
}

/**
 * (d) the service's payments next to the bare append route, each on a fresh database, in pairs run
 * back to back, the bare route first in the first and third pair, the service first in the second. On this
 * machine one pair's ratio ranges by a third from run to run; the median of three moves less. The pair with the
 * median ratio is reported, every pair's ratio beside it, and the errors of all.
 */
async function commandPath(serverUrl: string): Promise<CommandPathFigures> {
  const pairs: { bare: CommandFigures; http: CommandFigures; ratio: number }[] = [];
  for (let pair = 0; pair < commandPathPairs; pair++) {
    const runBare = async () => bareAppendPayments(await createDatabase(serverUrl, `bench_bare_${pair}`));
    const runHttp = async () => httpPayments(await createDatabase(serverUrl, `bench_http_${pair}`));
    // Each side in turn goes first: what the first leaves behind (autovacuum, a warm cache) falls on either alike.
    const bareFirst = pair % 2 === 0;
    const first = await (bareFirst ? runBare() : runHttp());
    const second = await (bareFirst ? runHttp() : runBare());
    const [bare, http] = bareFirst ? [first, second] : [second, first];
    pairs.push({ bare, http, ratio: http.commandsPerSecond / bare.commandsPerSecond });
  }
  const median = [...pairs].sort((a, b) => a.ratio - b.ratio)[Math.floor(pairs.length / 2)] as (typeof pairs)[number];
  const errors = (side: 'bare' | 'http') => pairs.reduce((sum, pair) => sum + pair[side].errors, 0);
  return {
    bare: { ...median.bare, errors: errors('bare') },
    http: { ...median.http, errors: errors('http') },
    ratios: pairs.map(({ ratio }) => round(ratio)),
  };
}

const importFacts = 110_000;

/** (h) A generated ledger imported on a fresh database, next to the 100-row INSERT baseline. */
async function importFigure(serverUrl: string, facts: number, database: string): Promise<ImportFigure> {
  const dir = await temporaryDirectory('arrears-import-');
  try {
    const path = join(dir.path, 'ledger.ndjson');
    const written = await writeLedger(path, facts);
    console.log(`measuring (h) import of ${written} facts…`);
    return await measureImport(await createDatabase(serverUrl, database), path, written, benchSecrets);
  } finally {
    await dir.remove();
  }
}

/** `npm run bench -- --import-million`: the import of 1,000,000 facts alone, with its baseline. */
async function importMillion(serverUrl: string): Promise<void> {
  const url = await createDatabase(serverUrl, 'bench');
  const baseline = await batchInsertBaseline(url);
  const figure = await importFigure(serverUrl, 1_000_000, 'bench_import_million');
  const results = {
    measuredAt: new Date().toISOString(),
    batchInsertBaselineRowsPerSecond: Math.round(baseline),
    ...figure,
    ratio: round(figure.factsPerSecond / baseline),
  };
  console.table({
    '(c) INSERT, 100 rows, 1 client': { value: `${results.batchInsertBaselineRowsPerSecond} rows/s`, target: 'baseline' },
    [`(h) import, ${figure.facts} facts`]: { value: `${figure.factsPerSecond} facts/s in ${figure.seconds} s`, target: `≥ 20000 (ratio ${results.ratio})` },
    '(h) peak RSS of the import': { value: `${figure.peakRssMiB} MiB`, target: 'bounded' },
  });
  const out = resolve(__dirname, '../../bench/results');
  await mkdir(out, { recursive: true });
  await writeFile(join(out, 'import-million.json'), `${JSON.stringify(results, null, 2)}\n`);
}

/** The write-side figures (a)–(d), each database created fresh. */
async function measureWriteSide(serverUrl: string) {
  const url = await createDatabase(serverUrl, 'bench');
  const store = await PostgresEventStore.connect({ connectionString: url, poolSize: clients });
  console.log('measuring (a) single-row INSERT baseline, (b) single-event appends…');
  const singleBaseline = await singleInsertBaseline(url);
  const single = await singleAppends(store);
  console.log('measuring (c) 100-row INSERT baseline and 100-event appends…');
  const batchBaseline = await batchInsertBaseline(url);
  const batch = await batchAppends(store);
  await store.close();
  console.log(`measuring (d) HTTP POST /accounts/:id/payments, ${httpConnections} connections…`);
  const { bare, http, ratios } = await commandPath(serverUrl);
  const imported = await importFigure(serverUrl, importFacts, 'bench_import');
  return { singleBaseline, single, batchBaseline, batch, bare, http, ratios, imported };
}

/** The rows of (d): the bare route, then the service as a ratio of it, from the median pair. */
function commandRows({ bare, http, ratios }: CommandPathFigures) {
  return {
    '(d) bare Fastify + store.append, 50 conns': { value: `${Math.round(bare.commandsPerSecond)} commands/s, p99 ${bare.p99} ms`, target: 'baseline' },
    '(d) HTTP payments, 50 conns': {
      value: `${Math.round(http.commandsPerSecond)} commands/s`,
      target: `d/bare = ${round(http.commandsPerSecond / bare.commandsPerSecond)} (≥ 0.8; pairs ${ratios.join(', ')})`,
    },
    '(d) latency p50 / p99': { value: `${http.p50} / ${http.p99} ms`, target: 'p99 ≤ 50 ms' },
    '(d) service CPU per command': { value: `${http.cpuMsPerCommand} ms (bare ${bare.cpuMsPerCommand} ms)`, target: '≈ 0.3 ms' },
    '(d) PostgreSQL CPU per command': { value: `${http.postgresCpuMsPerCommand} ms (bare ${bare.postgresCpuMsPerCommand} ms)`, target: 'reported' },
    '(d) non-2xx or errors': { value: `${http.errors} (bare ${bare.errors})`, target: '0' },
  };
}

/** `npm run bench -- --command-path` measures (d) only, with its baseline, and (k) its layers: quicker while working on it. */
async function commandPathAlone(serverUrl: string, layers: CommandLayerFigure[]): Promise<void> {
  const figures = await commandPath(serverUrl);
  console.table({ ...commandRows(figures), ...layerRows(layers) });
  const out = resolve(__dirname, '../../bench/results');
  await mkdir(out, { recursive: true });
  await writeFile(
    join(out, 'command-path.json'),
    `${JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, ...figures, commandLayers: layers }, null, 2)}\n`,
  );
}

/**
 * `npm run bench -- --read-side` measures (e)–(g) only: quicker while working on the read models.
 * `--accounts 10000,100000,1000000` measures them at each portfolio size, to show how they grow;
 * `--simulated-days D` on portfolios the simulator lives for D days instead of the bench's own accounts.
 */
const readSideOnly = process.argv.includes('--read-side');
const simulatedDays = process.argv.includes('--simulated-days') ? Number(process.argv[process.argv.indexOf('--simulated-days') + 1]) : undefined;
if (simulatedDays !== undefined && !(Number.isSafeInteger(simulatedDays) && simulatedDays >= 1))
  throw new Error('--simulated-days takes a number of days, at least 1');
/** (g) over 3 years of history: 100,000 accounts, or as many as `--kpi-history-accounts N` says (fewer write quicker). */
const kpiHistoryAccounts = Number(process.argv[process.argv.indexOf('--kpi-history-accounts') + 1]) || 100_000;
/** `npm run bench -- --webhooks` measures (i) only; `-- --scheduler`, (m) only. */
const webhooksOnly = process.argv.includes('--webhooks');
const log = (line: string) => {
  console.log(line);
};

async function webhooksAlone(serverUrl: string): Promise<void> {
  const figures = await measureWebhooks(await createDatabase(serverUrl, 'bench_webhooks'), (line) => {
    console.log(line);
  });
  console.table(webhookRows(figures));
  const out = resolve(__dirname, '../../bench/results');
  await mkdir(out, { recursive: true });
  await writeFile(join(out, 'webhooks.json'), `${JSON.stringify({ measuredAt: new Date().toISOString(), ...figures }, null, 2)}\n`);
}
const skippedWriteSide = {
  singleBaseline: NaN,
  single: NaN,
  batchBaseline: NaN,
  batch: NaN,
  bare: { commandsPerSecond: NaN, cpuMsPerCommand: NaN, postgresCpuMsPerCommand: NaN, p50: NaN, p99: NaN, errors: NaN },
  http: { commandsPerSecond: NaN, cpuMsPerCommand: NaN, postgresCpuMsPerCommand: NaN, p50: NaN, p99: NaN, errors: NaN },
  ratios: [],
  imported: { facts: NaN, seconds: NaN, wallSeconds: NaN, factsPerSecond: NaN, eventsAppended: NaN, peakRssMiB: NaN },
};

/** (j) Folding a payment into an account, by its history, in the domain and in the account read model: no database, so it runs first, alone. */
const foldRows = (figures: FoldFigure[]) => {
  const flat = (microseconds: number, first: number | undefined) => ({
    value: `${microseconds} µs`,
    target: `flat (× ${round(microseconds / (first ?? NaN))} of the first)`,
  });
  return Object.fromEntries(
    figures.flatMap(({ pastPayments, microsecondsPerPayment, readModelMicrosecondsPerPayment }) => [
      [`(j) fold a payment after ${pastPayments} payments: domain`, flat(microsecondsPerPayment, figures[0]?.microsecondsPerPayment)],
      [
        `(j) fold a payment after ${pastPayments} payments: account read model`,
        flat(readModelMicrosecondsPerPayment, figures[0]?.readModelMicrosecondsPerPayment),
      ],
    ]),
  );
};

/** (l) Loading an account by its history: the whole stream, then from its snapshot, in the same run. */
const loadRows = (figures: LoadFigure[]) =>
  Object.fromEntries(
    figures.map(({ events, wholeStreamMs, fromSnapshotMs, rowsFetchedWhole, rowsFetchedFromSnapshot }) => [
      `(l) load an account of ${events} events: whole stream / from its snapshot`,
      {
        value: `${wholeStreamMs} / ${fromSnapshotMs} ms (${rowsFetchedWhole} / ${rowsFetchedFromSnapshot} rows of events fetched by PostgreSQL)`,
        target: `flat from the snapshot (× ${round(fromSnapshotMs / wholeStreamMs)} of the whole stream)`,
      },
    ]),
  );

/** (j) The same payment projected against the database: the account's documents loaded, folded and written. */
const projectionRows = (figures: ProjectionFigure[]) =>
  Object.fromEntries(
    figures.flatMap((figure) => [
      [
        `(j) project a payment after ${figure.pastPayments} payments: load, fold, write`,
        {
          value: `${figure.milliseconds} ms, of which the write ${figure.writeMilliseconds}; ${figure.coldMilliseconds} ms in a process new to the account; a read after another process's payment ${figure.staleMilliseconds} ms (account document ${figure.documentKiB} KiB)`,
          target: `flat (× ${round(figure.milliseconds / (figures[0]?.milliseconds ?? NaN))} of the first)`,
        },
      ],
      [
        `(j) read the account's view after ${figure.pastPayments} payments: first read / after another process's payment`,
        {
          value: `${figure.viewFirstReadMilliseconds} / ${figure.viewStaleMilliseconds} ms (the whole document: ${figure.firstReadMilliseconds} / ${figure.staleMilliseconds} ms)`,
          target: `flat (× ${round(figure.viewStaleMilliseconds / (figures[0]?.viewStaleMilliseconds ?? NaN))} of the first)`,
        },
      ],
    ]),
  );

/** (k) The command path's layers, each alone: no database either. */
const layerRows = (figures: CommandLayerFigure[]) =>
  Object.fromEntries(
    figures.map(({ layer, microseconds }) => [`(k) a payment: ${layer}`, { value: `${microseconds} µs`, target: "reported, beside (d)'s CPU a command" }]),
  );

async function main(): Promise<void> {
  // Pure CPU, so timed first, before the database starts, and only where they are reported.
  const reportsNoCpuFigures = webhooksOnly || process.argv.includes('--import-million');
  const fold = reportsNoCpuFigures || process.argv.includes('--command-path') ? [] : await measureFold();
  const layers = reportsNoCpuFigures ? [] : await measureCommandLayers();
  if (process.argv.includes('--fold')) {
    console.table({ ...foldRows(fold), ...layerRows(layers) });
    return;
  }
  const data = await temporaryDirectory('arrears-bench-');
  const server = await startEmbeddedPostgres({ dataDir: data.path, database: 'postgres', stopOnSignals: false }).catch(async (error: unknown) => {
    await data.remove();
    throw error;
  });
  const stopDatabase = cleanedUpOnInterrupt(() => server.stop());
  try {
    if (process.argv.includes('--import-million')) {
      await importMillion(server.url);
      return;
    }
    if (process.argv.includes('--command-path')) {
      await commandPathAlone(server.url, layers);
      return;
    }
    if (webhooksOnly) {
      await webhooksAlone(server.url);
      return;
    }
    if (process.argv.includes('--scheduler')) {
      console.table(sweepRows(await measureSweeps(server.url, log)));
      return;
    }
    if (process.argv.includes('--loads')) {
      console.table({
        ...loadRows(await measureAccountLoads(await createDatabase(server.url, 'bench_loads'))),
        ...projectionRows(await measureAccountProjection(await createDatabase(server.url, 'bench_projection'))),
      });
      return;
    }
    const write = readSideOnly ? skippedWriteSide : await measureWriteSide(server.url);
    const reads: ReadSideResults[] = [];
    for (const accounts of portfolioSizes(process.argv)) {
      reads.push(
        await measureReadSide(
          await createDatabase(server.url, `bench_read_${accounts}`),
          (line) => {
            console.log(line);
          },
          accounts,
          simulatedDays,
        ),
      );
    }
    const [read] = reads as [ReadSideResults];
    const kpiHistory = await measureKpiHistory(await createDatabase(server.url, 'bench_kpi_history'), 3, kpiHistoryAccounts, (line) => {
      console.log(line);
    });
    const webhooks = await measureWebhooks(await createDatabase(server.url, 'bench_webhooks'), (line) => {
      console.log(line);
    });
    console.log('measuring (l) loads of accounts by their history…');
    const accountLoads = await measureAccountLoads(await createDatabase(server.url, 'bench_loads'));
    log('measuring (j) a payment projected into accounts by their history, against the database…');
    const accountProjection = await measureAccountProjection(await createDatabase(server.url, 'bench_projection'));
    const sweeps = await measureSweeps(server.url, log);

    const results = {
      measuredAt: new Date().toISOString(),
      machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
      singleInsertBaselineRowsPerSecond: Math.round(write.singleBaseline),
      appendSingleEventsPerSecond: Math.round(write.single),
      appendSingleRatio: round(write.single / write.singleBaseline),
      batchInsertBaselineRowsPerSecond: Math.round(write.batchBaseline),
      appendBatchEventsPerSecond: Math.round(write.batch),
      appendBatchRatio: round(write.batch / write.batchBaseline),
      bareAppendCommandsPerSecond: Math.round(write.bare.commandsPerSecond),
      bareAppendP99Ms: write.bare.p99,
      httpCommandsPerSecond: Math.round(write.http.commandsPerSecond),
      httpRatio: round(write.http.commandsPerSecond / write.bare.commandsPerSecond),
      httpRatioPairs: write.ratios,
      httpCpuMsPerCommand: write.http.cpuMsPerCommand,
      bareAppendCpuMsPerCommand: write.bare.cpuMsPerCommand,
      httpPostgresCpuMsPerCommand: write.http.postgresCpuMsPerCommand,
      bareAppendPostgresCpuMsPerCommand: write.bare.postgresCpuMsPerCommand,
      httpP50Ms: write.http.p50,
      httpP99Ms: write.http.p99,
      httpErrors: write.http.errors,
      importFacts: write.imported.facts,
      importFactsPerSecond: write.imported.factsPerSecond,
      importRatio: round(write.imported.factsPerSecond / write.batchBaseline),
      importPeakRssMiB: write.imported.peakRssMiB,
      ...read,
      ...(reads.length > 1 && { growth: reads }),
      kpisThreeYearsP50Ms: kpiHistory.p50Ms,
      kpisThreeYearsP99Ms: kpiHistory.p99Ms,
      kpisThreeYearsAccounts: kpiHistory.accounts,
      ...webhooks,
      fold,
      commandLayers: layers,
      accountLoads,
      accountProjection,
      sweeps,
    };
    const writeRows = {
      '(a) INSERT, 1 row/tx, 8 clients': { value: `${results.singleInsertBaselineRowsPerSecond} rows/s`, target: 'baseline' },
      '(b) append, 1 event, 8 clients': { value: `${results.appendSingleEventsPerSecond} events/s`, target: `b/a = ${results.appendSingleRatio} (≥ 0.5)` },
      '(c) INSERT, 100 rows, 1 client': { value: `${results.batchInsertBaselineRowsPerSecond} rows/s`, target: 'baseline' },
      '(c) append, 100 events, 1 client': { value: `${results.appendBatchEventsPerSecond} events/s`, target: `ratio = ${results.appendBatchRatio} (≥ 0.5)` },
      ...commandRows(write),
      [`(h) import, ${results.importFacts} facts`]: { value: `${results.importFactsPerSecond} facts/s`, target: `≥ 20000 (ratio ${results.importRatio})` },
      '(h) peak RSS of the import': { value: `${results.importPeakRssMiB} MiB`, target: 'bounded' },
    };
    console.table({
      ...(readSideOnly ? {} : writeRows),
      ...Object.assign({}, ...reads.map(readSideRows)),
      [`(g) GET /kpis, 365 days of 3 years (${kpiHistory.accounts} accounts), 64 windows in turn`]: {
        value: `p50 ${kpiHistory.p50Ms} / p99 ${kpiHistory.p99Ms} ms (${kpiHistory.errors} non-2xx or errors)`,
        target: 'p99 ≤ 50 ms',
      },
      ...webhookRows(webhooks),
      ...foldRows(fold),
      ...projectionRows(accountProjection),
      ...layerRows(layers),
      ...loadRows(accountLoads),
      ...sweepRows(sweeps),
    });
    const out = resolve(__dirname, '../../bench/results');
    await mkdir(out, { recursive: true });
    const file = join(out, readSideOnly ? 'read-side.json' : 'latest.json');
    await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`written to ${file}`);
  } finally {
    await stopDatabase();
    await data.remove();
  }
}

const round = (value: number) => Math.round(value * 100) / 100;

main().catch((error: unknown) => {
  // Interrupted, the run's work fails: the interruption cleans up and exits.
  if (wasInterrupted()) return;
  console.error(error);
  process.exit(1);
});
