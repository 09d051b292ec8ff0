import { randomUUID } from 'node:crypto';
import type { EventStore, RecordedEvent } from '@arrears/event-store';
import { Backoff, type BackoffOptions } from '@arrears/platform';
import { LeaseLostError, whileLeaseHeld, type Lease, type ReadStore } from '@arrears/read-store';
import { collectionsOf, type Projection } from '../projection';
import type { PoisonPolicy } from './poison-policy';
import { batchWrites, DEAD_LETTERS, deadLetter, errorText, readStoreAnswers, type BatchOutcome, type DeadLetter } from './batch-writes';
import { inBatches } from './in-batches';

export interface WorkerOptions {
  /** Events per batch at most. */
  batchSize: number;
  /** How long a batch waits for more events once its first one arrived. */
  batchWaitMs: number;
  /** First delay before retrying what a store refused (200 ms); doubles, with jitter, up to `maxRetryDelayMs` (30 s). */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /**
   * Tries of a batch's write (3) before it is written event by event, and of an event's write before
   * it is parked, provided the read store answers its checkpoint meanwhile.
   */
  writeAttempts?: number;
  /** How long a lease lasts unless renewed (renewed every third of it). */
  leaseTtlMs?: number;
  /** Who holds the leases: one id per process. */
  owner?: string;
  log?: (message: string) => void;
}

export type { PoisonPolicy } from './poison-policy';

/** A batch being written, with the outcome folded for it (none if it is written by `store`'s path). */
interface Writing {
  outcome: BatchOutcome | undefined;
  /** Whether it was written from that outcome. */
  written: Promise<boolean>;
}

export interface ProjectionStatus {
  name: string;
  /** The checkpoint: every event up to here is in the read model. */
  position: bigint;
  /** `standby` while another instance holds the lease; `rebuilding` while its declared version is built beside the stored one. */
  state: 'starting' | 'standby' | 'rebuilding' | 'running' | 'stopped';
  parked: number;
  error?: string;
  rebuild?: RebuildProgress;
}

/** How far the rebuild of a projection's declared version has got. */
export interface RebuildProgress {
  /** The version serving reads meanwhile, and the one being built. */
  from: number;
  to: number;
  /** `elsewhere` while another process rebuilds it. */
  by: 'this process' | 'elsewhere';
  position: bigint;
  head: bigint;
  eventsPerSecond: number;
}

/**
 * Runs one projection: takes its lease, reads the log from its checkpoint in batches, and stores each
 * batch's document changes with the new checkpoint, fenced by the lease token, all or nothing. A crash
 * at any point resumes where the last stored batch ended. A store that fails is retried with
 * exponential backoff and jitter, logged when it starts failing and when it recovers; losing the
 * lease (another instance took over) sends the worker back to waiting for it.
 *
 * A write the read store keeps refusing while it answers otherwise is the data's fault, not the
 * store's: the batch is then written event by event, and an event whose own write keeps failing is
 * parked as a dead letter, so one poison event never holds back the rest of the log.
 */
export class ProjectionWorker {
  readonly status: ProjectionStatus;
  private readonly stopping = new AbortController();
  private readonly owner: string;
  private readonly leaseTtlMs: number;
  private readonly backoff: Backoff;
  /** Under quarantine: the streams held behind a parked event, by stream, at its position. */
  private held = new Map<string, bigint>();
  /** Whether a write under the current lease has recorded the projection's version. */
  private versionRecorded = false;
  /** The newer version stored, while one is. */
  private supersededBy: number | undefined;
  private run?: Promise<void>;

  constructor(
    private readonly events: EventStore,
    private readonly readStore: ReadStore,
    readonly projection: Projection,
    private readonly poison: PoisonPolicy,
    private readonly options: WorkerOptions,
    private readonly onProgress: () => void,
  ) {
    this.status = { name: projection.name, position: 0n, state: 'starting', parked: 0 };
    this.owner = options.owner ?? randomUUID();
    this.leaseTtlMs = options.leaseTtlMs ?? 10_000;
    this.backoff = this.newBackoff({
      onFirstFailure: (error) => {
        this.log(`a store fails (${errorText(error)}); retrying with backoff`);
      },
      onRecovery: (failures) => {
        this.log(`the stores answer again, after ${failures} failed tries`);
      },
    });
  }

  private newBackoff(reports: Pick<BackoffOptions, 'onFirstFailure' | 'onRecovery'>): Backoff {
    return new Backoff({ initialMs: this.options.retryDelayMs ?? 200, maxMs: this.options.maxRetryDelayMs ?? 30_000, ...reports });
  }

  start(): void {
    this.run ??= this.work();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.run;
  }

  // Methods, not getters: the state changes while a loop awaits, which a narrowed property would hide.
  private stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  private running(): boolean {
    return this.status.state === 'running';
  }

  private async work(): Promise<void> {
    const { projection } = this;
    // A stop cuts a build short rather than wait out its minute over a million documents: the next start builds it.
    const build = {
      signal: this.stopping.signal,
      warn: (message: string) => {
        this.log(message);
      },
    };
    for (const [collection, indexes] of collectionsOf(projection)) {
      await this.retrying(() => this.readStore.ensureIndexes(collection, indexes, build)).catch(() => undefined);
    }
    let lease: Lease | undefined;
    while (!this.stopped() && this.status.state !== 'stopped') {
      lease = await this.awaitLease();
      if (!lease) break;
      try {
        await this.projectUnder(lease);
      } catch (error) {
        if (this.stopped()) break;
        if (error instanceof LeaseLostError) {
          this.log('lease lost to another instance; waiting to take it back');
          continue;
        }
        Object.assign(this.status, { state: 'stopped', error: errorText(error) });
        this.log(`stopped: ${errorText(error)}`);
      }
    }
    if (lease) await this.readStore.releaseLease(lease).catch(() => undefined);
    if (this.status.state !== 'stopped') this.status.state = 'stopped';
    this.onProgress();
  }

  /** Polls for the lease until granted; undefined if the worker stops first. */
  private async awaitLease(): Promise<Lease | undefined> {
    if (this.status.state !== 'starting') this.status.state = 'standby';
    while (!this.stopped()) {
      const lease = await this.readStore.acquireLease(this.projection.name, this.owner, this.leaseTtlMs).catch(() => undefined);
      if (lease) return lease;
      this.status.state = 'standby';
      await this.pause(this.leaseTtlMs / 3);
    }
    return undefined;
  }

  /** Projects batch after batch while the lease holds, renewing it; throws LeaseLostError when lost. */
  private async projectUnder(lease: Lease): Promise<void> {
    const superseded = await whileLeaseHeld(this.readStore, lease, this.leaseTtlMs, async (lost) => {
      if (await this.superseded()) return true;
      this.versionRecorded = false;
      this.status.position = (await this.retrying(() => this.readStore.checkpoint(this.projection.name))) ?? 0n;
      // Read again at every lease: a supervisor's decisions on parked events are taken under it.
      if (this.poison === 'quarantine') this.held = await this.retrying(() => this.heldStreams());
      this.status.state = 'running';
      this.onProgress();
      while (!this.stopped() && this.running()) {
        if (lost.aborted) throw new LeaseLostError(lease.name);
        await this.followLog(lease, lost);
      }
      return false;
    });
    if (!superseded) return;
    // Released once no renewal is on its way to take it back, for a newer release's worker to take.
    await this.readStore.releaseLease(lease).catch(() => undefined);
    await this.pause(this.leaseTtlMs);
  }

  /** One subscription from the checkpoint; returns to resubscribe after a read failure. */
  private async followLog(lease: Lease, lost: AbortSignal): Promise<void> {
    // The log answers before a subscription starts: an outage is waited out here, with backoff.
    await this.retrying(() => this.events.headPosition());
    const subscription = this.events.subscribeToAll({ after: this.status.position });
    const close = () => void subscription.close();
    this.stopping.signal.addEventListener('abort', close, { once: true });
    lost.addEventListener('abort', close, { once: true });
    // A stop or a lost lease while the log was being asked for its head has already fired: the listeners
    // above came too late for it, and an idle log would keep the subscription waiting for ever.
    if (this.stopped() || lost.aborted) close();
    let writing: Writing | undefined;
    try {
      for await (const batch of inBatches(subscription, this.options.batchSize, this.options.batchWaitMs)) {
        // This batch is folded while the one before it is written, on the documents that one leaves.
        const folded = await this.foldAhead(batch, writing?.outcome);
        const landed = writing ? await writing.written : true;
        writing = undefined;
        if (this.status.state !== 'running' || this.stopped() || lost.aborted) break;
        // A write that took another path (a retry, or event by event) may leave other documents: fold again.
        const outcome = landed ? folded : undefined;
        const written = this.storeFolded(batch, lease, outcome);
        // Stopped at a poison event: end the subscription now rather than at the next batch, which may be long in coming.
        void written.then(
          () => {
            if (this.status.state !== 'running') close();
          },
          () => undefined,
        );
        writing = { outcome, written };
      }
      await writing?.written;
    } catch (error) {
      // Never two writes at once: the next subscription starts once this one's last write has ended.
      await writing?.written.catch(() => undefined);
      if (error instanceof LeaseLostError || this.stopped()) throw error;
      await this.pause(this.backoff.failed(error));
    } finally {
      this.stopping.signal.removeEventListener('abort', close);
      lost.removeEventListener('abort', close);
      await subscription.close();
    }
  }

  /**
   * Stores a batch in one write; if that keeps failing while the store answers, event by event,
   * parking each event whose own write keeps failing (its dead letter and the checkpoint together).
   */
  private async store(batch: RecordedEvent[], lease: Lease): Promise<void> {
    if ((await this.attempts(() => this.write(batch, lease))) === undefined) return;
    for (const event of batch) {
      if (this.status.state !== 'running') return; // stopped at a poison event by its policy
      const error = await this.attempts(() => this.write([event], lease));
      if (error === undefined) continue;
      await this.retrying(() =>
        this.readStore.apply([deadLetter(this.projection.name, event, error)], { name: lease.name, position: event.position, fence: lease.token }),
      );
      if (this.poison === 'quarantine') this.held.set(event.streamId, event.position);
      this.status.position = event.position;
      this.status.parked++;
      this.log(`parked the event at position ${event.position} (${event.type}): its write keeps failing (${errorText(error)})`);
    }
  }

  /**
   * Folds a batch ahead of its write, over the documents of the batch still being written (`before`);
   * undefined if its documents could not be loaded (its write then loads them again, with retries).
   */
  private foldAhead(batch: RecordedEvent[], before: BatchOutcome | undefined): Promise<BatchOutcome | undefined> {
    return batchWrites(this.readStore, this.projection, batch, this.poison, before?.held ?? this.held, before?.documents).catch(() => undefined);
  }

  /**
   * Stores a batch from its outcome folded ahead: resolves true if written so, false if it took
   * `store`'s path instead (the outcome was missing, or its write failed).
   */
  private async storeFolded(batch: RecordedEvent[], lease: Lease, folded: BatchOutcome | undefined): Promise<boolean> {
    let written = false;
    if (folded) {
      try {
        await this.writeOutcome(batch, folded, lease);
        this.backoff.succeeded();
        written = true;
      } catch (error) {
        if (this.stopped() || error instanceof LeaseLostError) throw error;
      }
    }
    if (!written) await this.store(batch, lease);
    this.onProgress();
    return written;
  }

  private async write(batch: RecordedEvent[], lease: Lease): Promise<void> {
    await this.writeOutcome(batch, await batchWrites(this.readStore, this.projection, batch, this.poison, this.held), lease);
  }

  private async writeOutcome(batch: RecordedEvent[], outcome: BatchOutcome, lease: Lease): Promise<void> {
    const position = outcome.stoppedAt?.position ?? batch[batch.length - 1]?.position;
    if (position === undefined) return; // an empty batch moves nothing
    // The first write under a lease records the version; the later ones keep it (one row update the less per batch).
    const version = this.versionRecorded ? {} : { version: this.projection.version };
    await this.readStore.apply(outcome.writes, { name: lease.name, position, fence: lease.token, ...version });
    this.versionRecorded = true;
    this.held = outcome.held;
    this.status.position = position;
    this.status.parked += outcome.parked;
    if (outcome.stoppedAt) Object.assign(this.status, { state: 'stopped', error: outcome.stoppedAt.error });
  }

  /**
   * Tries `work` until it succeeds (undefined), or until it has failed `writeAttempts` times and the
   * read store still answers a probe (its checkpoint): then the error, which is the data's. While the
   * store does not answer, it is an outage, and the tries go on with backoff: an outage never parks.
   */
  private async attempts(work: () => Promise<void>): Promise<unknown> {
    // Each write starts its own short sequence of delays; the worker's backoff (and its log) is the outage's.
    const tries = this.newBackoff({});
    for (let attempt = 1; ; attempt++) {
      try {
        await work();
        this.backoff.succeeded();
        return undefined;
      } catch (error) {
        if (this.stopped() || error instanceof LeaseLostError) throw error;
        if (attempt < (this.options.writeAttempts ?? 3)) await this.pause(tries.failed(error));
        else if (await readStoreAnswers(this.readStore, this.projection.name)) return error;
        else await this.pause(this.backoff.failed(error));
      }
    }
  }

  /**
   * Whether a newer release has rebuilt the projection to a newer version (read at every lease, as a
   * swap takes the lease): this process's documents would then be of the wrong shape, so it stands by.
   */
  private async superseded(): Promise<boolean> {
    const stored = await this.retrying(() => this.readStore.version(this.projection.name));
    if (stored === undefined || stored <= this.projection.version) {
      if (this.supersededBy !== undefined) delete this.status.error;
      this.supersededBy = undefined;
      return false;
    }
    this.supersededBy = stored;
    Object.assign(this.status, { state: 'standby', error: `version ${stored} is stored, newer than ${this.projection.version}: a newer release projects it` });
    this.onProgress();
    return true;
  }

  /** The streams with an unresolved parked event in this projection, each at its first such position. */
  private async heldStreams(): Promise<Map<string, bigint>> {
    const letters = (await this.readStore.find(DEAD_LETTERS, { where: [{ field: 'projection', op: 'eq', value: this.projection.name }] })) as DeadLetter[];
    const held = new Map<string, bigint>();
    for (const letter of letters) {
      const position = BigInt(letter.position);
      const first = held.get(letter.streamId);
      if (letter.status !== 'resolved' && (first === undefined || position < first)) held.set(letter.streamId, position);
    }
    return held;
  }

  /** Runs `work` until it succeeds, backing off between tries; a lost lease or a stop ends it. */
  private async retrying<T>(work: () => Promise<T>): Promise<T> {
    for (;;) {
      try {
        const result = await work();
        this.backoff.succeeded();
        return result;
      } catch (error) {
        if (this.stopped() || error instanceof LeaseLostError) throw error;
        await this.pause(this.backoff.failed(error));
      }
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const { signal } = this.stopping;
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  private log(message: string): void {
    this.options.log?.(`Projection ${this.projection.name}: ${message}`);
  }
}
