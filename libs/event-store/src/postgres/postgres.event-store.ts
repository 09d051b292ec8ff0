import type { Pool, PoolClient, QueryConfig } from 'pg';
import {
  isStoreUnavailable,
  migrate,
  postgresClient,
  postgresPool,
  releaseAfter,
  rollBackAndRelease,
  setUpOrEnded,
  type PostgresConnectionOptions,
} from '@arrears/platform';
import { DuplicateEventIdError, WrongExpectedVersionError } from '../errors';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  StreamAppendOutcome,
  Subscription,
} from '../event-store.port';
import { PollingSubscription } from '../subscription/polling-subscription';
import { SharedPages } from '../subscription/shared-pages';
import { AppendBatcher, type QueuedAppend } from './append-batcher';
import { PostgresChangeNotifier } from './postgres.change-notifier';
import { eventStoreMigrations } from './postgres.schema';

export interface PostgresEventStoreOptions extends PostgresConnectionOptions {
  connectionString: string;
  poolSize?: number;
  /** Appends sent as one batch at most (group commit); default 64 (see `maxAppendsPerBatch`). */
  maxAppendBatch?: number;
  /** Events per read while a subscription catches up. */
  batchSize?: number;
  /** Longest wait before a live subscription looks again without a change signal. */
  pollIntervalMs?: number;
}

/** An append that has run but not committed yet: the transaction is still open. */
export interface PendingAppend {
  readonly result: AppendResult;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

const columns = 'position, stream_id, revision, event_id, type, data, metadata';
/**
 * Rows whose transaction is older than every running one: no lower position can still appear. The
 * snapshot is a sub-select, taken once for the statement; as a plain filter it was taken for each row.
 */
const settled = 'tx_id < (SELECT pg_snapshot_xmin(pg_current_snapshot()))';
const uniqueViolation = '23505';
/** Looks at a stream after losing the race for a revision: each lost race is another writer's success. */
const maxLooks = 3;
/** A bulk load's appends per statement: one transaction, one commit each. */
const maxAppendsPerStatement = 1_000;
/**
 * A batch's appends, each in a subtransaction of its own: PostgreSQL keeps 64 subtransaction ids per
 * backend in shared memory, and a transaction with more makes every other snapshot look them up on disk.
 */
const maxAppendsPerBatch = 64;

/**
 * Group commit's batches in flight: two, so that one commits (and waits for its fsync) while the next
 * checks its appends and inserts under the advisory lock that lets one batch insert at a time (see
 * postgres.schema.ts). With more, batches are smaller and hand the lock over more often: under 50
 * connections here, eight in flight cost PostgreSQL 0.26–0.33 ms of CPU a command, two 0.15–0.17 ms.
 * The price is a ceiling of two full batches per commit's latency (2,560 appends/s at 50 ms commits,
 * as under synchronous replication to a distant standby). One at least, never more than half the pool.
 */
const batchesInFlight = (poolSize: number) => Math.max(1, Math.min(2, Math.floor(poolSize / 2)));

/**
 * A stream read, named for the shape it has. With a starting revision the revision is part of the
 * statement's index condition: after five runs PostgreSQL may plan a named statement once for any values,
 * and a condition written to hold for a missing start (`$n IS NULL OR revision >= $n`) could then only
 * filter, so a load from a snapshot fetched every event of the stream from the table.
 */
export function readStreamStatement(streamId: string, { fromRevision, direction, maxCount }: ReadStreamOptions): QueryConfig {
  const backwards = direction === 'backwards';
  const from = fromRevision === undefined ? '' : ` AND revision ${backwards ? '<=' : '>='} $3`;
  return {
    name: `read_stream_${backwards ? 'backwards' : 'forwards'}${from ? '_from' : ''}`,
    text: `SELECT ${columns} FROM events WHERE stream_id = $1${from} ORDER BY revision ${backwards ? 'DESC' : 'ASC'} LIMIT $2`,
    values: [streamId, maxCount ?? null, ...(fromRevision === undefined ? [] : [fromRevision.toString()])],
  };
}

/**
 * Event store on PostgreSQL (`pg`). One transaction per append, a unique (stream, revision)
 * constraint, client-made event ids unique across the log, and readers of the whole log that never
 * skip an event committed out of order (see postgres.schema.ts).
 */
export class PostgresEventStore implements EventStore {
  readonly backend = 'postgres';
  private readonly pool: Pool;
  private readonly notifier: PostgresChangeNotifier;
  private readonly batcher: AppendBatcher<AppendRequest, AppendResult>;
  private readonly pages = new SharedPages((after, maxCount) => this.readAll({ after, maxCount }));

  private constructor(private readonly options: PostgresEventStoreOptions) {
    const poolSize = options.poolSize ?? 10;
    this.pool = postgresPool(options.connectionString, poolSize, options);
    this.notifier = new PostgresChangeNotifier(this.pool, () => postgresClient(options.connectionString, options));
    this.batcher = new AppendBatcher((batch) => this.sendBatch(batch), batchesInFlight(poolSize), options.maxAppendBatch ?? maxAppendsPerBatch);
  }

  /** Connects and creates or migrates the schema. */
  static async connect(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const store = new PostgresEventStore(options);
    await setUpOrEnded(store.pool, () => migrate(store.pool, 'event-store', eventStoreMigrations));
    return store;
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (events.length === 0) throw new Error('Nothing to append.');
    const result = await this.batcher.submit({ streamId, events, expected: options.expectedRevision });
    this.notifier.changed();
    return result;
  }

  /**
   * A bulk load's appends, many streams in one statement and one transaction per slice (see
   * arrears_append_many). A slice that meets another writer's insert is appended one by one instead.
   */
  async appendMany(appends: StreamAppend[]): Promise<StreamAppendOutcome[]> {
    const outcomes: StreamAppendOutcome[] = [];
    for (let start = 0; start < appends.length; start += maxAppendsPerStatement) {
      const slice = appends.slice(start, start + maxAppendsPerStatement);
      outcomes.push(...(await this.appendSlice(slice).catch((error: unknown) => this.aloneUnlessOutage(error, () => this.appendEachAlone(slice)))));
    }
    this.notifier.changed();
    return outcomes;
  }

  /** Each append on its own; a failure is thrown once every other append has finished, so none is still in flight. */
  private async appendEachAlone(slice: StreamAppend[]): Promise<StreamAppendOutcome[]> {
    const settled = await Promise.allSettled(slice.map((append) => this.appendAlone(append)));
    const failed = settled.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    return settled.map((outcome) => (outcome as PromiseFulfilledResult<StreamAppendOutcome>).value);
  }

  private async appendSlice(slice: StreamAppend[]): Promise<StreamAppendOutcome[]> {
    const { rows } = await this.pool.query<BatchRow>({
      name: 'arrears_append_many',
      text: 'SELECT * FROM arrears_append_many($1::text[], $2::text[], $3::int[], $4::int[], $5::int[], $6::uuid[], $7::text[], $8::jsonb[], $9::jsonb[])',
      values: [
        slice.map((append) => append.streamId),
        slice.map((append) => String(append.expectedRevision)),
        slice.map((append) => append.events.length),
        slice.flatMap((append, index) => append.events.map(() => index + 1)),
        slice.flatMap((append) => append.events.map((_, place) => place + 1)),
        ...eventColumns(slice.flatMap((append) => append.events)),
      ],
    });
    return rows.map((row) =>
      row.outcome === 'appended'
        ? { appended: { nextExpectedRevision: BigInt(row.current_revision ?? -1), position: BigInt(row.last_position ?? 0) } }
        : { actual: row.current_revision === null ? 'no_stream' : BigInt(row.current_revision) },
    );
  }

  /**
   * After a grouped append failed: one bad append (an id that is no UUID…) must not sink the others, so
   * each goes alone; but an outage fails them all at once. Sent again, each would wait out the same
   * timeout, while the grouped statement may still commit on a server that has only stalled.
   */
  private async aloneUnlessOutage<T>(error: unknown, eachAlone: () => Promise<T>): Promise<T> {
    if (isStoreUnavailable(error)) throw error;
    return eachAlone();
  }

  private async appendAlone({ streamId, events, expectedRevision }: StreamAppend): Promise<StreamAppendOutcome> {
    try {
      return { appended: await this.run(streamId, (client) => this.appendWith(client, streamId, events, expectedRevision)) };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) return { actual: error.actual };
      throw error;
    }
  }

  private async sendBatch(batch: QueuedAppend<AppendRequest, AppendResult>[]): Promise<void> {
    const alone = (queued: QueuedAppend<AppendRequest, AppendResult>) => {
      const { streamId, events, expected } = queued.request;
      return this.run(streamId, (client) => this.appendWith(client, streamId, events, expected)).then(
        (result) => {
          queued.resolve(result);
        },
        (error: unknown) => {
          queued.reject(error);
        },
      );
    };
    if (batch.length === 1) return alone(batch[0] as QueuedAppend<AppendRequest, AppendResult>);
    let rows: BatchRow[];
    try {
      rows = await this.appendBatch(batch.map((queued) => queued.request));
    } catch (error) {
      await this.aloneUnlessOutage(error, () => Promise.all(batch.map(alone))).catch((outage: unknown) => {
        for (const queued of batch) queued.reject(outage);
      });
      return;
    }
    await Promise.all(
      rows.map((row) => {
        const queued = batch[row.idx - 1] as QueuedAppend<AppendRequest, AppendResult>;
        if (row.outcome === 'retry_alone') return alone(queued);
        const { streamId, expected } = queued.request;
        try {
          queued.resolve(toAppendResult(streamId, expected, row));
        } catch (error) {
          queued.reject(error);
        }
        return Promise.resolve();
      }),
    );
  }

  private async appendBatch(requests: AppendRequest[]): Promise<BatchRow[]> {
    const { rows } = await this.pool.query<BatchRow>({
      name: 'arrears_append_batch',
      text: 'SELECT * FROM arrears_append_batch($1::text[], $2::text[], $3::int[], $4::uuid[], $5::text[], $6::jsonb[], $7::jsonb[])',
      values: [
        requests.map((r) => r.streamId),
        requests.map((r) => String(r.expected)),
        requests.map((r) => r.events.length),
        ...eventColumns(requests.flatMap((r) => r.events)),
      ],
    });
    return rows;
  }

  /**
   * Runs the append inside a transaction left open for the caller to commit: the same path as
   * `append`, split so that tests can hold a transaction open and commit out of order.
   */
  async beginAppend(streamId: string, events: NewEvent[], options: AppendOptions): Promise<PendingAppend> {
    if (events.length === 0) throw new Error('Nothing to append.');
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await this.appendWith(client, streamId, events, options.expectedRevision);
      const end = async (statement: string) => {
        try {
          await client.query(statement);
          releaseAfter(client);
        } catch (error) {
          releaseAfter(client, error);
          throw error;
        } finally {
          this.notifier.changed();
        }
      };
      return { result, commit: () => end('COMMIT'), rollback: () => end('ROLLBACK') };
    } catch (error) {
      await rollBackAndRelease(client, error);
      throw error;
    }
  }

  private async appendWith(client: PoolClient, streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const { rows } = await client.query<AppendRow>({
      // Named, so each connection parses and plans it once.
      name: 'arrears_append',
      text: 'SELECT * FROM arrears_append($1, $2, $3::uuid[], $4::text[], $5::jsonb[], $6::jsonb[])',
      values: [streamId, String(expected), ...eventColumns(events)],
    });
    const row = rows[0];
    if (!row) throw new Error('arrears_append returned no row.');
    return toAppendResult(streamId, expected, row);
  }

  /**
   * Runs a single-statement append with its own connection. A unique violation on (stream, revision)
   * means another writer committed that revision between our check and our insert: look again, and
   * the expected-revision check then answers. Ids stored in another stream are a conflict. Each look
   * takes a connection only once the one before is released: holding one while waiting for another,
   * appends retrying side by side could take the whole pool and wait on each other until timed out.
   */
  private async run(streamId: string, work: (client: PoolClient) => Promise<AppendResult>): Promise<AppendResult> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      try {
        const result = await work(client);
        releaseAfter(client);
        return result;
      } catch (error) {
        releaseAfter(client, error);
        const constraint = isUniqueViolation(error) ? (error as { constraint?: string }).constraint : undefined;
        if (constraint === 'events_event_id_key') throw new DuplicateEventIdError(streamId);
        if (constraint !== 'events_stream_revision_key' || attempt >= maxLooks) throw error;
      }
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const { rows } = await this.pool.query<EventRow>(readStreamStatement(streamId, options));
    return rows.map(toRecorded);
  }

  async readMany(streamIds: string[]): Promise<Map<string, RecordedEvent[]>> {
    const { rows } = await this.pool.query<EventRow>({
      name: 'read_many_streams',
      text: `SELECT ${columns} FROM events WHERE stream_id = ANY($1::text[]) ORDER BY stream_id, revision`,
      values: [streamIds],
    });
    const streams = new Map(streamIds.map((streamId) => [streamId, [] as RecordedEvent[]]));
    for (const row of rows) streams.get(row.stream_id)?.push(toRecorded(row));
    return streams;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const { rows } = await this.pool.query<EventRow>(`SELECT ${columns} FROM events WHERE position > $1 AND ${settled} ORDER BY position LIMIT $2`, [
      (options.after ?? 0n).toString(),
      options.maxCount ?? null,
    ]);
    return rows.map(toRecorded);
  }

  subscribeToAll(options: { after?: bigint } = {}): Subscription {
    return new PollingSubscription(this.pages.reader(), this.notifier, options.after ?? 0n, {
      batchSize: this.options.batchSize ?? 1000,
      pollIntervalMs: this.options.pollIntervalMs ?? 500,
    });
  }

  /** Committed, settled or not: waiting for it must also wait out an earlier append still open. */
  async headPosition(): Promise<bigint> {
    const { rows } = await this.pool.query<{ head: string | null }>('SELECT max(position) AS head FROM events');
    return BigInt(rows[0]?.head ?? 0);
  }

  async close(): Promise<void> {
    await this.notifier.close();
    await this.pool.end();
  }
}

interface AppendRequest {
  streamId: string;
  events: NewEvent[];
  expected: ExpectedRevision;
}

interface AppendRow {
  outcome: string;
  current_revision: string | null;
  last_position: string | null;
}

interface BatchRow extends AppendRow {
  idx: number;
}

/** The events as the column arrays the append functions take. */
const eventColumns = (events: NewEvent[]) => [
  events.map((e) => e.id),
  events.map((e) => e.type),
  events.map((e) => JSON.stringify(e.data)),
  events.map((e) => JSON.stringify(e.metadata)),
];

function toAppendResult(streamId: string, expected: ExpectedRevision, row: AppendRow): AppendResult {
  if (row.outcome === 'wrong_expected_revision') {
    throw new WrongExpectedVersionError(streamId, expected, row.current_revision === null ? 'no_stream' : BigInt(row.current_revision));
  }
  return { nextExpectedRevision: BigInt(row.current_revision ?? -1), position: BigInt(row.last_position ?? 0) };
}

interface EventRow {
  position: string;
  stream_id: string;
  revision: string;
  event_id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: RecordedEvent['metadata'];
}

const toRecorded = (row: EventRow): RecordedEvent => ({
  id: row.event_id,
  type: row.type,
  data: row.data,
  metadata: row.metadata,
  streamId: row.stream_id,
  revision: BigInt(row.revision),
  position: BigInt(row.position),
});

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === uniqueViolation;
