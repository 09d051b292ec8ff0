import { Client, Pool, type ClientBase, type PoolClient, type PoolConfig, type QueryConfig } from 'pg';
import { StatementWatch, unboundedMark } from './statement-watch';
import { isStoreUnavailable, spoilsConnection } from './store-unavailable';

/** How a process's connections to PostgreSQL present themselves and how long they wait to connect. */
export interface PostgresConnectionOptions {
  /**
   * `application_name` of every session (in pg_stat_activity), so operators can tell the service's
   * sessions apart and end them. A value in the URL's query wins.
   */
  applicationName?: string;
  /** Longest wait for a new connection before the request fails (default 5 s): a dead server must not hang requests. */
  connectTimeoutMs?: number;
  /**
   * Longest wait for a statement's answer (none by default). A database that stops answering (frozen,
   * or gone from the network without a word) would otherwise hold the request, and the connection, for
   * as long as TCP takes to give up: a quarter of an hour. Past it the statement fails as an outage,
   * and its connection is dropped, not reused. Migrations, index builds and statistics are exempt
   * (`unboundedStatement`). Enforced by a `StatementWatch`, not pg's `query_timeout`.
   */
  queryTimeoutMs?: number;
  /**
   * Whether a checked-out client sends its queries without waiting for the previous one's answer
   * (pg's pipeline mode): the statements of a transaction then cost one round trip, not one each.
   */
  pipeline?: boolean;
}

const defaultConnectTimeoutMs = 5_000;

/**
 * A pool keeps every connection it opens for its life (pg's default closes one idle for 10 s). Opening
 * one costs a backend's fork, a SCRAM exchange and the planning of every prepared statement again, and
 * a burst that finds its connections closed opens several at once: requests then queue behind them,
 * which opens more. Under a paced worklist load that churn set the p99 at 100–660 ms, against 5–60 ms
 * with the connections kept. `max` bounds them either way; a connection the server ends is dropped.
 */
const keptForever = 0;

/**
 * Kept connections sit idle for long spells, and a NAT or firewall between the service and PostgreSQL
 * may forget an idle flow without a word: the next query on it would wait out TCP's retransmissions
 * (about 15 minutes). A keepalive probe after a minute of silence keeps the flow known to them.
 */
const keepAliveAfterMs = 60_000;

const settingsOf = (connectionString: string, options: PostgresConnectionOptions) => ({
  connectionString,
  connectionTimeoutMillis: options.connectTimeoutMs ?? defaultConnectTimeoutMs,
  keepAlive: true,
  keepAliveInitialDelayMillis: keepAliveAfterMs,
  ...(options.applicationName ? { application_name: options.applicationName } : {}),
  ...(options.pipeline ? { pipeline: true } : {}),
});

/**
 * A pool whose lost connections fail only the work that was using them. `pg` emits 'error' on a
 * client whose connection dies — idle in the pool (the pool's 'error') or checked out (the client's
 * own, which nobody listens to while a caller holds it, so Node would end the process). The query
 * that was running is rejected anyway and the pool drops the broken client on release, so both
 * events only need a listener.
 */
export function postgresPool(connectionString: string, max: number, options: PostgresConnectionOptions = {}): Pool {
  const watch = watchOf(options);
  const settings: PoolSettings = {
    ...settingsOf(connectionString, options),
    max,
    idleTimeoutMillis: keptForever,
    ...(watch ? { onConnect: (client: ClientBase) => bounded(client, watch) } : {}),
  };
  const pool = new Pool(settings);
  pool.on('error', ignore);
  pool.on('connect', (client) => {
    client.on('error', ignore);
  });
  return pool;
}

/** pg-pool awaits `onConnect` before it hands a new connection to anyone; its typings say it returns nothing. */
type PoolSettings = Omit<PoolConfig, 'onConnect'> & { onConnect?: (client: ClientBase) => Promise<void> };

/** The watch that holds a pool's or a client's statements to `queryTimeoutMs`; undefined without a bound. */
const watchOf = ({ queryTimeoutMs }: PostgresConnectionOptions) => (queryTimeoutMs ? new StatementWatch(queryTimeoutMs) : undefined);

/**
 * A pooled connection opened under a bound joins its watch, and has the server end the statements it
 * abandons. A server before PostgreSQL 14 refuses the setting, and does without; a connection lost
 * meanwhile fails the caller's connect with its outage, not with a dead client handed over.
 */
async function bounded(client: ClientBase, watch: StatementWatch): Promise<void> {
  watch.watch(client);
  await client.query(abandonedStatementsEnd).catch((error: unknown) => {
    if (isStoreUnavailable(error)) throw error;
  });
}

/**
 * A statement past its timeout is abandoned, its connection closed, but the server only notices when it
 * next writes to the socket: until then the statement runs on, holding its locks and its session, and a
 * retry adds another. Checked every second (PostgreSQL 14+), a closed client ends the statement.
 */
const abandonedStatementsEnd = 'SET client_connection_check_interval = 1000';

/**
 * A single connection (LISTEN, administration) with the same settings. Its statements are held to the
 * bound too. It is not asked to end abandoned statements: that would queue a statement beside its
 * caller's first, which pg 9 will refuse, and LISTEN holds no lock. A lost connection fails the
 * statement under way, and `pg` emits 'error' besides, which with no listener would end the process
 * (the embedded server stopping under a cancel did): it is listened to here, and a caller that must
 * react to the loss adds a listener of its own.
 */
export function postgresClient(connectionString: string, options: PostgresConnectionOptions = {}): Client {
  const client = new Client(settingsOf(connectionString, options));
  client.on('error', ignore);
  const watch = watchOf(options);
  if (watch) {
    client.once('connect', () => {
      watch.watch(client);
    });
  }
  return client;
}

/**
 * Hands a checked-out client back after `error` (if any): one that failed as an outage (its connection
 * lost, or a statement unanswered in time, still in flight on its socket) is dropped, so that the next
 * caller does not queue behind that statement; any other error leaves a healthy connection to reuse.
 */
export function releaseAfter(client: PoolClient, error?: unknown): void {
  client.release(spoilsConnection(error) ? (error as Error) : undefined);
}

/**
 * Sets a store up on its new pool (its migrations first), ending the pool if that fails: a process whose store
 * could not be opened keeps no connection open, nor itself alive.
 */
export async function setUpOrEnded<T>(pool: Pool, setUp: () => Promise<T>): Promise<T> {
  try {
    return await setUp();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
}

/**
 * Ends a checked-out client's transaction after `error` and hands the client back. One failed as an
 * outage is dropped without a ROLLBACK, which would only wait behind the unanswered statement: the
 * server rolls back the transaction of a session that ends.
 */
export async function rollBackAndRelease(client: PoolClient, error: unknown): Promise<void> {
  if (spoilsConnection(error)) {
    releaseAfter(client, error);
    return;
  }
  // A ROLLBACK that fails (unanswered in time, say) leaves a client nobody may reuse.
  const failed = await client.query('ROLLBACK').then(
    () => undefined,
    (rollback: unknown) => (rollback instanceof Error ? rollback : new Error(String(rollback))),
  );
  client.release(failed);
}

/**
 * A statement that may rightly run long whatever `queryTimeoutMs` says: a schema migration, an index
 * built over a large table, the statistics of a rebuilt one. Cutting it short would fail it again at
 * every retry. A database gone from the network meanwhile is found by TCP keepalive; one frozen on a
 * live host is waited for.
 */
export const unboundedStatement = (text: string, values?: unknown[]): QueryConfig => ({
  text: `${unboundedMark}${text}`,
  ...(values ? { values } : {}),
});

const ignore = () => undefined;
