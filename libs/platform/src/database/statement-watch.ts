import type { ClientBase } from 'pg';

/** A statement as pg keeps it. */
interface Statement {
  text?: unknown;
}

/**
 * What the watch reads of a `pg` client: the statements awaiting an answer, and the socket to cut.
 * None is in pg's typings; pg 8 keeps them all (its own timeout reads the queues and destroys that
 * socket), and the pool's specs fail should a release move them.
 */
interface WatchedClient {
  /** The statement whose answer is being read. */
  _activeQuery?: Statement | null;
  /** Pipeline mode: statements sent, their answers not yet begun. */
  _sentQueryQueue?: Statement[];
  /** Statements not sent yet; the first waits on the server while `readyForQuery` is false. */
  _queryQueue?: Statement[];
  readyForQuery?: boolean;
  connection?: { stream?: { destroy(error?: Error): void } };
}

/** Leads the text of a statement the watch leaves alone (`unboundedStatement`); the server reads it as a comment. */
export const unboundedMark = '/* unbounded */ ';

/** How often the watch looks: every quarter of the bound, and at least once a second. */
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
 * became the one the client awaits; never before.
 */
export class StatementWatch {
  private readonly clients = new Set<ClientBase>();
  /** When each statement was first seen awaited; weakly, so that an answered one is not kept for the next look. */
  private readonly firstSeen = new WeakMap<Statement, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly boundMs: number) {}

  /** Watches `client` until its connection ends. */
  watch(client: ClientBase): void {
    this.clients.add(client);
    client.once('end', () => {
      this.clients.delete(client);
      if (this.clients.size === 0) this.stop();
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
    for (const client of this.clients) {
      const statement = awaited(client as unknown as WatchedClient);
      if (!statement || unbounded(statement)) continue;
      const since = this.firstSeen.get(statement);
      if (since === undefined) this.firstSeen.set(statement, now);
      else if (now - since >= this.boundMs) this.cut(client);
    }
  }

  private cut(client: ClientBase): void {
    const error = new Error(`Query read timeout: no answer from PostgreSQL within ${this.boundMs} ms`);
    (client as unknown as WatchedClient).connection?.stream?.destroy(error);
  }
}

/**
 * The statement a client waits on the server for: the one being answered; else, between an error and
 * the server's readiness that follows it, the next one sent (pipeline mode) or queued (one at a time).
 */
const awaited = (client: WatchedClient): Statement | undefined =>
  client._activeQuery ?? client._sentQueryQueue?.[0] ?? (client.readyForQuery === false ? client._queryQueue?.[0] : undefined);

const unbounded = (statement: Statement) => typeof statement.text === 'string' && statement.text.startsWith(unboundedMark);
