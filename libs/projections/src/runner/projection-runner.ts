import type { EventStore, RecordedEvent, Subscription } from '@arrears/event-store';
import type { ReadStore, WriteOperation } from '@arrears/read-store';
import type { ProjectedDocument, Projection } from '../projection';
import { inBatches } from './in-batches';

export interface ProjectionRunnerOptions {
  /** Events per batch at most. */
  batchSize: number;
  /** How long a batch waits for more events once its first one arrived. */
  batchWaitMs: number;
  /** First delay before retrying a batch the read store refused; doubles up to 30 s. */
  retryDelayMs?: number;
  log?: (message: string) => void;
}

/** What happens to an event whose projection throws: parked and skipped, or parked and the projection stops. */
export type PoisonPolicy = 'skip' | 'stop';

export interface ProjectionStatus {
  name: string;
  position: bigint;
  state: 'starting' | 'running' | 'stopped';
  parked: number;
  error?: string;
}

/** Where events that a projection could not apply are kept, with their position and error. */
export const DEAD_LETTERS = 'dead_letters';

/**
 * Runs projections: each reads the log from its own checkpoint, in batches, and stores the batch's
 * document changes together with the new checkpoint, all or nothing, so a crash at any point
 * resumes exactly where the last stored batch ended. Documents also carry the position of the last
 * event applied to them, so an event seen twice changes nothing. A refused write is retried with
 * backoff; an event a projection throws on is parked, and skipped or not by the projection's policy.
 */
export class ProjectionRunner {
  private readonly stopping = new AbortController();
  private readonly runs: Promise<void>[] = [];
  private readonly statuses = new Map<string, ProjectionStatus>();
  private readonly waiters = new Set<() => void>();
  private readonly subscriptions = new Set<Subscription>();

  constructor(
    private readonly events: EventStore,
    private readonly readStore: ReadStore,
    private readonly projections: { projection: Projection; poison?: PoisonPolicy }[],
    private readonly options: ProjectionRunnerOptions,
  ) {}

  async start(): Promise<void> {
    for (const { projection, poison } of this.projections) {
      this.statuses.set(projection.name, { name: projection.name, position: 0n, state: 'starting', parked: 0 });
      await this.readStore.ensureIndexes(projection.collection, projection.indexes);
      this.runs.push(this.run(projection, poison ?? 'skip'));
    }
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await Promise.all(this.runs);
    this.wake();
  }

  status(): ProjectionStatus[] {
    return [...this.statuses.values()].map((status) => ({ ...status }));
  }

  /** Resolves true once every projection has reached `position`, false after `timeoutMs`. */
  async waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.reached(position)) {
      const remaining = deadline - Date.now();
      if (remaining <= 0 || this.stopping.signal.aborted) return false;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, remaining);
        this.waiters.add(done);
      });
    }
    return true;
  }

  private reached(position: bigint): boolean {
    return [...this.statuses.values()].every((status) => status.position >= position);
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  private async run(projection: Projection, poison: PoisonPolicy): Promise<void> {
    const status = this.statuses.get(projection.name) as ProjectionStatus;
    const stored = await this.retrying(projection.name, () => this.readStore.checkpoint(projection.name));
    status.position = stored ?? 0n;
    status.state = 'running';
    this.wake();
    while (!this.stopping.signal.aborted && status.state === 'running') {
      const subscription = this.events.subscribeToAll({ after: status.position });
      this.subscriptions.add(subscription);
      try {
        for await (const batch of inBatches(subscription, this.options.batchSize, this.options.batchWaitMs)) {
          status.position = await this.retrying(projection.name, () => this.apply(projection, poison, batch, status));
          this.wake();
          if (status.state !== 'running' || this.stopping.signal.aborted) break;
        }
      } catch (error) {
        this.options.log?.(`Projection ${projection.name}: reading the log failed (${String(error)}); resubscribing`);
        await this.pause(this.options.retryDelayMs ?? 500);
      } finally {
        this.subscriptions.delete(subscription);
        await subscription.close();
      }
    }
    if (status.state === 'running') status.state = 'stopped';
  }

  /**
   * One batch: load the documents it touches, apply its events in order, store all with the
   * checkpoint. Returns the position the projection has reached.
   */
  private async apply(projection: Projection, poison: PoisonPolicy, batch: RecordedEvent[], status: ProjectionStatus): Promise<bigint> {
    const handled = new Set(projection.handles);
    const targets: [string, RecordedEvent][] = [];
    for (const event of batch) {
      const id = handled.has(event.type) ? projection.documentId(event) : undefined;
      if (id !== undefined) targets.push([id, event]);
    }
    const ids = [...new Set(targets.map(([id]) => id))];
    const loaded = ids.length ? await this.readStore.find(projection.collection, { where: [{ field: 'id', op: 'in', value: ids }] }) : [];
    const current = new Map(loaded.map((document) => [document.id, document as ProjectedDocument | null]));
    const changed = new Set<string>();
    const parked: WriteOperation[] = [];
    let reached = (batch[batch.length - 1] as RecordedEvent).position;
    for (const [id, event] of targets) {
      const document = current.get(id) ?? null;
      if (document && document.position >= Number(event.position)) continue; // seen before: replays change nothing
      try {
        const next = projection.evolve(document, event);
        current.set(id, next ? { ...next, id, position: Number(event.position) } : null);
        changed.add(id);
      } catch (error) {
        parked.push(deadLetter(projection.name, event, error));
        status.parked++;
        if (poison === 'stop') {
          // The checkpoint stays just before the poison event, so a fixed projection starts there.
          status.state = 'stopped';
          status.error = `Stopped at position ${event.position} (${event.type}): ${errorText(error)}`;
          reached = event.position - 1n;
          break;
        }
      }
    }
    const writes: WriteOperation[] = [...changed].map((id) => {
      const document = current.get(id);
      return document ? { kind: 'put', collection: projection.collection, document } : { kind: 'delete', collection: projection.collection, id };
    });
    await this.readStore.apply([...writes, ...parked], { name: projection.name, position: reached });
    return reached;
  }

  /** Runs `work` until it succeeds, backing off between tries, or until the runner stops. */
  private async retrying<T>(name: string, work: () => Promise<T>): Promise<T> {
    let delay = this.options.retryDelayMs ?? 500;
    for (;;) {
      try {
        return await work();
      } catch (error) {
        if (this.stopping.signal.aborted) throw error;
        this.options.log?.(`Projection ${name}: ${errorText(error)}; retrying in ${delay} ms`);
        await this.pause(delay);
        delay = Math.min(delay * 2, 30_000);
      }
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.stopping.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    });
  }
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

function deadLetter(projection: string, event: RecordedEvent, error: unknown): WriteOperation {
  return {
    kind: 'put',
    collection: DEAD_LETTERS,
    document: {
      id: `${projection}:${event.position}`,
      projection,
      position: Number(event.position),
      eventId: event.id,
      eventType: event.type,
      streamId: event.streamId,
      error: errorText(error),
    },
  };
}
