/**
 * (j) The account fold of one payment as the projector runs it, against PostgreSQL: the account's documents
 * loaded, the payment folded, the changed documents written with the checkpoint, by how many payments the
 * account received before. (j)'s fold alone stays flat; this shows what storing the account document costs.
 * A large account keeps its payments, its days paid on and its ledger's days in parts (stored-parts.ts): a
 * payment writes the parts it changed, and the projector reads an account's parts once, then its head alone.
 * The cold figure is that first read: a process that has not read the account yet. The stale figure is a read of
 * the account by a process that read it before another process wrote a payment (the API's, after the projector's):
 * it lists the stamps of the account's parts and reads those the payment changed. The view figures are the reads the
 * API makes to show the account, which leave out what only the fold reads (`foldOnlyAccountFields`), beside the same
 * reads of the whole document.
 */
import { randomUUID } from 'node:crypto';
import type { AccountEvent } from '@arrears/domain';
import { PostgresEventStore, type NewEvent } from '@arrears/event-store';
import { reportingZones } from '@arrears/platform';
import { accountProjectionFor, accountReadModel, batchWrites, foldOnlyAccountFields, ProjectionRunner, withStoredShapes } from '@arrears/projections';
import { PostgresReadStore, type ReadStore } from '@arrears/read-store';
import { benchMetadata } from './bench-metadata';
import { foldHistories, opening, payment } from './fold';

/** Folds timed at each history: the median counts. */
const timed = 21;
/** Folds timed by a process new to the account: each reads all its parts. */
const cold = 5;
/** Reads timed by a process that read the account before a payment another process projected. */
const stale = 5;

export interface ProjectionFigure {
  pastPayments: number;
  /** Load, fold and write of one payment, the median of `timed`. */
  milliseconds: number;
  /** Of which the write of the changed documents with the checkpoint, the median too. */
  writeMilliseconds: number;
  /** Load, fold and write of one payment by a process that has not read the account before, the median of `cold`. */
  coldMilliseconds: number;
  /** A read of the account by a process that read it before the payment, the median of `stale`. */
  staleMilliseconds: number;
  /** A process's first read of the whole account, and of what its view reads, the medians of `cold`. */
  firstReadMilliseconds: number;
  viewFirstReadMilliseconds: number;
  /** A read of what the view reads by a process that read it before the payment, the median of `stale`. */
  viewStaleMilliseconds: number;
  /** The account document's size as JSON. */
  documentKiB: number;
}

/** A fold bench event as the log takes it: the bench's metadata, recorded at noon of its business day. */
function logged(event: AccountEvent): NewEvent {
  const at = `${event.type === 'PaymentReceived' ? event.data.receivedOn : '2025-01-01'}T12:00:00.000Z`;
  return { id: randomUUID(), ...event, metadata: { ...benchMetadata, occurredAt: at, recordedAt: at, creditorId: 'cred-1' } };
}

const paymentLogged = (n: number) => logged(payment(n));

export async function measureAccountProjection(url: string): Promise<ProjectionFigure[]> {
  const events = await PostgresEventStore.connect({ connectionString: url, poolSize: 4 });
  const reads = await PostgresReadStore.connect(url, 4);
  try {
    const figures: ProjectionFigure[] = [];
    for (const past of foldHistories) figures.push(await measureAt(events, reads, past));
    return figures;
  } finally {
    await reads.close();
    await events.close();
  }
}

async function measureAt(events: PostgresEventStore, raw: ReadStore, past: number): Promise<ProjectionFigure> {
  const reads = withStoredShapes(raw);
  const projection = accountProjectionFor(reportingZones({}));
  const accountId = `acc-grown-${past}`;
  const stream = `account-${accountId}`;
  let revision = (await events.append(stream, opening(accountId).map(logged), { expectedRevision: 'no_stream' })).nextExpectedRevision;
  for (let n = 0; n < past; n += 500) {
    const chunk = Array.from({ length: Math.min(500, past - n) }, (_, k) => paymentLogged(n + k));
    revision = (await events.append(stream, chunk, { expectedRevision: revision })).nextExpectedRevision;
  }
  const runner = new ProjectionRunner(events, reads, [{ projection, poison: 'quarantine' }], { batchSize: 500, batchWaitMs: 1 });
  runner.start();
  await runner.waitFor(await events.headPosition(), 600_000);
  await runner.stop();
  const [times, writeTimes, coldTimes]: [number[], number[], number[]] = [[], [], []];
  const projected = async (n: number, store: ReadStore) => {
    revision = (await events.append(stream, [paymentLogged(n)], { expectedRevision: revision })).nextExpectedRevision;
    const [recorded] = await events.readStream(stream, { fromRevision: revision });
    if (!recorded) throw new Error(`${stream} has no revision ${revision}.`);
    const started = process.hrtime.bigint();
    const { writes } = await batchWrites(store, projection, [recorded], 'quarantine');
    const folded = process.hrtime.bigint();
    await store.apply(writes, { name: projection.name, position: recorded.position });
    return [Number(process.hrtime.bigint() - started) / 1e6, Number(process.hrtime.bigint() - folded) / 1e6] as const;
  };
  for (let n = past; n < past + timed; n++) {
    const [time, writeTime] = await projected(n, reads);
    times.push(time);
    writeTimes.push(writeTime);
  }
  for (let n = past + timed; n < past + timed + cold; n++) coldTimes.push((await projected(n, withStoredShapes(raw)))[0]);
  const view = { omit: foldOnlyAccountFields };
  const timedRead = async (reader: ReadStore, options?: typeof view) => {
    const started = process.hrtime.bigint();
    await reader.get(accountReadModel.collection, accountId, options);
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  const [firstReadTimes, viewFirstReadTimes]: [number[], number[]] = [[], []];
  // In turn, each first on every other try: the one after reads what the one before brought into the database's cache.
  for (let i = 0; i < cold; i++) {
    const whole = () => timedRead(withStoredShapes(raw));
    const viewed = () => timedRead(withStoredShapes(raw), view);
    if (i % 2) viewFirstReadTimes.push(await viewed());
    firstReadTimes.push(await whole());
    if (!(i % 2)) viewFirstReadTimes.push(await viewed());
  }
  const [reader, viewer, staleTimes, viewStaleTimes] = [withStoredShapes(raw), withStoredShapes(raw), [] as number[], [] as number[]];
  await reader.get(accountReadModel.collection, accountId);
  await viewer.get(accountReadModel.collection, accountId, view);
  for (let n = past + timed + cold; n < past + timed + cold + stale; n++) {
    await projected(n, reads);
    staleTimes.push(await timedRead(reader));
    viewStaleTimes.push(await timedRead(viewer, view));
  }
  const document = await reads.get(accountReadModel.collection, accountId);
  const median = (values: number[]) => Math.round((values.sort((a, b) => a - b)[values.length >> 1] ?? NaN) * 100) / 100;
  return {
    pastPayments: past,
    milliseconds: median(times),
    writeMilliseconds: median(writeTimes),
    coldMilliseconds: median(coldTimes),
    staleMilliseconds: median(staleTimes),
    firstReadMilliseconds: median(firstReadTimes),
    viewFirstReadMilliseconds: median(viewFirstReadTimes),
    viewStaleMilliseconds: median(viewStaleTimes),
    documentKiB: Math.round(JSON.stringify(document).length / 1024),
  };
}
