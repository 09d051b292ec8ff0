import type { ClientBase } from 'pg';

/**
 * What the watch reads of a `pg` client: the statement it awaits an answer to, and the socket to
 * cut. Neither is in pg's typings; pg 8 keeps both (its own timeout destroys that socket), and the
 * pool's specs fail should a release move them.
 */
interface WatchedClient {
  _activeQuery?: { text?: unknown } | null;
  connection?: { stream?: { destroy(error?: Error): void } };
}

/** Leads the text of a statement the watch leaves alone (`unboundedStatement`); the server reads it as a comment. */
export const unboundedMark = '/* unbounded */ ';

/** How often the watch looks: four times a bound, at most once a second. */
const lookEveryMs = (boundMs: number) => Math.max(10, Math.min(1_000, Math.floor(boundMs / 4)));

/**
 * Cuts the connection of a client whose statement has gone unanswered for `boundMs`: the statement
 * fails with `Query read timeout` (an outage), and so does anything queued behind it on that client.
 *
 * Why not pg's own `query_timeout`: it wraps the callback of every statement, and that wrapper kept
 * each answer reachable through the next young-generation collection or two. Under a worklist load
 * every scavenge copied about 6 MB of answers already delivered, and paused the service 20 ms each
 * time instead of 1–2 ms: the p99 of a page went from 5 to 20 ms at 250 pages/s, and the service's
 * resident memory grew by 150 MiB. One look at each connection every quarter of the bound costs
 * nothing per statement. A statement is cut between `boundMs` and `boundMs` plus two looks after it
 * was sent; never before.
 */
export class StatementWatch {
  /** Each watched client with the statement it awaited at the last look, and since when. */
  private readonly seen = new Map<ClientBase, { statement: object; since: number } | undefined>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly boundMs: number) {}

  /** Watches `client` until its connection ends. */
  watch(client: ClientBase): void {
    this.seen.set(client, undefined);
    client.once('end', () => {
      this.seen.delete(client);
      if (this.seen.size === 0) this.stop();
    });
    // Unreferenced: a watch never keeps a process alive that has nothing else to do.
    this.timer ??= setInterval(() => {
      this.look();
    }, lookEveryMs(this.boundMs)).unref();
  }

  private stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private look(): void {
    const now = performance.now();
    for (const [client, last] of this.seen) {
      const statement = (client as unknown as WatchedClient)._activeQuery;
      if (!statement || unbounded(statement)) this.seen.set(client, undefined);
      else if (last?.statement !== statement) this.seen.set(client, { statement, since: now });
      else if (now - last.since >= this.boundMs) this.cut(client);
    }
  }

  private cut(client: ClientBase): void {
    this.seen.set(client, undefined);
    const error = new Error(`Query read timeout: no answer from PostgreSQL within ${this.boundMs} ms`);
    (client as unknown as WatchedClient).connection?.stream?.destroy(error);
  }
}

const unbounded = (statement: { text?: unknown }) => typeof statement.text === 'string' && statement.text.startsWith(unboundedMark);
