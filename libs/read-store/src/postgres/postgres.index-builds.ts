import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client, Pool, PoolClient } from 'pg';
import { unboundedStatement } from '@arrears/platform';
import type { IndexBuildOptions } from '../read-store.port';

/** How often a process looks again at the indexes it left to another session's build. */
export const indexWatchMs = 2_000;

/** The most looks a watched index that keeps failing waits between two tries: about five minutes. */
const mostLooksSkipped = 150;

/** How often a stopping build's statement is cancelled again, until the build has ended. */
const cancelEveryMs = 500;

/** An index by its name, and the build that makes it. */
interface IndexBuild {
  name: string;
  table: string;
  /** `ON table (columns)`. */
  definition: string;
  concurrently: 'CONCURRENTLY' | '';
}

/** An index left to another session, how many more looks it waits after failing (doubled at each failure), and who is told. */
interface Watched {
  build: IndexBuild;
  failures: number;
  looksToSkip: number;
  warn: (message: string) => void;
}

/**
 * The read store's index builds on PostgreSQL. Each is built over every document stored, as long as that takes. On a
 * collection written meanwhile, without the lock that would stop writes (CONCURRENTLY: two passes over the table
 * instead of one): a release that adds an index to a live model, while the release before still writes it, would
 * otherwise hold those writes for the minute a build takes over a million documents, past their query timeout. A
 * concurrent build cut short (a killed process, an ended session, a deadlock between builds) leaves an invalid index,
 * which IF NOT EXISTS would keep for good, and which reads do not use: one found invalid is dropped and built again.
 *
 * A build holds an advisory lock on its index. A process that finds it held leaves the index to the session that holds
 * it, so that the invalid index it drops is never one another process is building and no start waits out another's
 * build; but it looks again every `indexWatchMs` until it takes the lock, and then sees the index through. A builder
 * that died mid-build (a rolling upgrade's process stopped during its start) thus leaves no invalid index behind for
 * longer than the watch takes to notice, rather than until some process starts again. A watched build that fails
 * waits twice as many looks at each failure, up to about five minutes.
 *
 * A stopping process cuts its builds short (a signal given to `ensure`; `stop` for the watch's): waiting out a minute's
 * build would outlast the grace an orchestrator gives a process to stop. A concurrent build cut short leaves its
 * index invalid, and one in one pass leaves none; either way the next process to start, or the watch of one running,
 * builds it.
 */
export class IndexBuilds {
  private readonly left = new Map<string, Watched>();
  private watch: NodeJS.Timeout | undefined;
  private looking: Promise<void> | undefined;
  private readonly stopping = new AbortController();

  /** `session` opens a connection apart from the pool's: cancels must reach the server while builds hold the pool. */
  constructor(
    private readonly pool: Pool,
    private readonly session: () => Client,
  ) {}

  /**
   * Sees the index made and valid, or left to the session building it and watched until that ends. `signal` cuts a
   * build short (the process is stopping); `warn` is told of the watch's failed tries, and of its build after one.
   */
  async ensure(build: IndexBuild, { signal, warn = () => undefined }: IndexBuildOptions = {}): Promise<void> {
    if ((await this.tryBuild(build, { signal })) !== 'held' || this.stopping.signal.aborted) return;
    // Watched already (a second caller): its tries so far still count, and the latest caller is told.
    const watched = this.left.get(build.name);
    if (watched) watched.warn = warn;
    // Concurrently, whatever the caller asked: by the time the watch builds it, anyone may be writing the table.
    else this.left.set(build.name, { build: { ...build, concurrently: 'CONCURRENTLY' }, failures: 0, looksToSkip: 0, warn });
    this.watch ??= setInterval(() => void this.lookAgain(), indexWatchMs).unref();
  }

  /** Stops watching; a build under way from the watch is cut short, so that the pool can end without waiting it out. */
  async stop(): Promise<void> {
    clearInterval(this.watch);
    this.watch = undefined;
    this.left.clear();
    this.stopping.abort(new Error('The read store is closing.'));
    await this.looking;
  }

  /** One look at a time over the indexes left: each whose lock is free now is seen through, and no longer watched. */
  private async lookAgain(): Promise<void> {
    if (this.looking) return;
    this.looking = (async () => {
      for (const watched of this.left.values()) {
        if (watched.looksToSkip > 0) {
          watched.looksToSkip--;
          continue;
        }
        // A failure (the database away, a build that failed again) is tried again, later at each failure.
        const seen = await this.tryBuild(watched.build, { signal: this.stopping.signal, watched: true }).catch((error: unknown) => {
          if (!this.stopping.signal.aborted) this.failed(watched, error);
          return 'held' as const;
        });
        if (seen === 'held') continue; // still building elsewhere (or failed): looked at again later
        this.left.delete(watched.build.name);
        const { failures } = watched;
        if (failures > 0 && seen === 'valid')
          tell(watched, `The index ${watched.build.name} is valid, after ${failures} failed ${failures === 1 ? 'try' : 'tries'} to build it.`);
      }
      if (this.left.size > 0) return;
      clearInterval(this.watch);
      this.watch = undefined;
    })();
    await this.looking.finally(() => (this.looking = undefined));
  }

  /** A watched build failed: it waits twice as many looks as the time before, and the failure is told. */
  private failed(watched: Watched, error: unknown): void {
    watched.looksToSkip = Math.min(2 ** watched.failures++, mostLooksSkipped);
    const next = Math.round(((watched.looksToSkip + 1) * indexWatchMs) / 1000);
    tell(
      watched,
      `Building the index ${watched.build.name} failed (${error instanceof Error ? error.message : String(error)}); tried again in about ${next} s.`,
    );
  }

  /**
   * What one try found: the index valid (built if need be), or held (another session holds its lock), or gone: a
   * `watched` index whose table has gone since (a rebuild's shadow swapped in, or dropped) has nothing left to build.
   */
  private async tryBuild(
    { name, table, definition, concurrently }: IndexBuild,
    { signal, watched = false }: { signal?: AbortSignal | undefined; watched?: boolean },
  ): Promise<'valid' | 'held' | 'gone'> {
    signal?.throwIfAborted();
    const client = await this.pool.connect();
    const session = await indexBuildTaken(client, name).catch((error: unknown) => {
      client.release(true);
      throw error;
    });
    let failed = false;
    const ended = new AbortController();
    let cancelling: Promise<void> | undefined;
    const cancel = () => {
      cancelling = this.cancelWhile(session.pid, ended.signal).catch(() => undefined);
    };
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      if (!session.taken) return 'held';
      try {
        if (watched && !(await tableExists(client, table))) return 'gone';
        for (let attempt = 1; !(await indexValid(client, name)); attempt++) {
          if (attempt > 3) throw new Error(`The index ${name} is still invalid after being built again.`);
          signal?.throwIfAborted();
          // Concurrent builds of other indexes may deadlock on each other's waits: the one refused tries again.
          await unlessDeadlocked(client, `DROP INDEX ${concurrently} IF EXISTS ${name}`);
          signal?.throwIfAborted();
          await unlessDeadlocked(client, `CREATE INDEX ${concurrently} IF NOT EXISTS ${name} ${definition}`);
        }
        return 'valid';
      } finally {
        // A session whose unlock failed may still hold the lock: it is closed below rather than reused.
        failed = await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [indexBuildLocks, name]).then(
          () => false,
          () => true,
        );
      }
    } catch (error) {
      failed = true;
      throw signal?.aborted && (error === signal.reason || isCancelled(error)) ? signal.reason : error;
    } finally {
      ended.abort();
      signal?.removeEventListener('abort', cancel);
      // A cancel sent may land late: a session it was aimed at is closed, never handed to another statement.
      client.release(failed || signal?.aborted);
      // Every cancel's connection is ended before the build returns: the store, and the embedded server with it, may close next.
      await cancelling;
    }
  }

  /** Cancels session `pid`'s statement, and again every half second until the build has `ended`: a cancel may land between two. */
  private async cancelWhile(pid: number, ended: AbortSignal): Promise<void> {
    const end = once(ended, 'abort');
    while (!ended.aborted) {
      await this.cancelStatementOf(pid, end);
      await sleep(cancelEveryMs, undefined, { signal: ended }).catch(() => undefined);
    }
  }

  /**
   * One cancel, waited for until the build has ended: one still under way then is ended without being waited for (`pg`
   * leaves a connect ended early unsettled for good), so that no stop waits on a server that does not answer.
   */
  private async cancelStatementOf(pid: number, ended: Promise<unknown>): Promise<void> {
    const client = this.session();
    const cancelled = (async () => {
      await client.connect();
      await client.query('SELECT pg_cancel_backend($1)', [pid]);
    })().catch(() => undefined); // the next cancel, half a second on, may reach the server
    await Promise.race([cancelled, ended]);
    void client.end().catch(() => undefined);
  }
}

/** Tells the caller that left an index of what became of it: a log that fails must not fail the watch. */
function tell(watched: Watched, message: string): void {
  try {
    watched.warn(message);
  } catch {
    // nothing else to tell it by
  }
}

/** PostgreSQL's code for a transaction it ended to break a deadlock. */
const deadlockDetected = '40P01';

/** PostgreSQL's code for a statement cancelled (pg_cancel_backend). */
const isCancelled = (error: unknown) => (error as { code?: unknown }).code === '57014';

/** The first key of the advisory locks index builds hold (the second is the index's name hashed). */
export const indexBuildLocks = 0x1d8;

/**
 * Takes the lock on building index `name` for `client`'s session; false when another session holds it. Tried, never
 * waited for: a statement waiting on the lock would hold a snapshot, which the holder's concurrent build waits out.
 */
async function indexBuildTaken(client: PoolClient, name: string): Promise<{ taken: boolean; pid: number }> {
  const { rows } = await client.query<{ taken: boolean; pid: number }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS taken, pg_backend_pid() AS pid', [
    indexBuildLocks,
    name,
  ]);
  return { taken: rows[0]?.taken ?? false, pid: rows[0]?.pid ?? 0 };
}

/** Runs a statement with no time bound; one PostgreSQL ended to break a deadlock is left for the caller to see to. */
async function unlessDeadlocked(client: PoolClient, statement: string): Promise<void> {
  await client.query(unboundedStatement(statement)).catch((error: unknown) => {
    if ((error as { code?: unknown }).code !== deadlockDetected) throw error;
  });
}

/** Whether index `name` exists and may be used (a concurrent build cut short leaves it invalid). */
async function indexValid(client: PoolClient, name: string): Promise<boolean> {
  const { rows } = await client.query<{ valid: boolean }>('SELECT indisvalid AS valid FROM pg_index WHERE indexrelid = to_regclass($1)', [name]);
  return rows[0]?.valid ?? false;
}

async function tableExists(client: PoolClient, table: string): Promise<boolean> {
  const { rows } = await client.query<{ found: boolean }>('SELECT to_regclass($1) IS NOT NULL AS found', [table]);
  return rows[0]?.found ?? false;
}
