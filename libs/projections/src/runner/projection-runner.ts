import { setTimeout as sleep } from 'node:timers/promises';
import type { EventStore } from '@arrears/event-store';
import { Backoff } from '@arrears/platform';
import type { ReadStore } from '@arrears/read-store';
import type { Projection } from '../projection';
import { upgradeProjection } from '../versions/projection-upgrade';
import { errorText } from './batch-writes';
import { ProjectionWorker, type PoisonPolicy, type ProjectionStatus, type WorkerOptions } from './projection-worker';

export type ProjectionRunnerOptions = WorkerOptions;

/**
 * Runs a set of projections side by side, each with its own checkpoint and lease, so a slow or
 * stopped one never holds the others back; and tells readers when the models have caught up. A
 * projection whose stored version is not the declared one is first rebuilt to it (see
 * `upgradeProjection`), the others meanwhile running as usual.
 */
export class ProjectionRunner {
  private readonly workers: { worker: ProjectionWorker; poison: PoisonPolicy }[];
  private readonly waiters = new Set<() => void>();
  private readonly stopping = new AbortController();
  private starts?: Promise<void>[];

  constructor(
    private readonly events: EventStore,
    private readonly readStore: ReadStore,
    projections: { projection: Projection; poison?: PoisonPolicy }[],
    private readonly options: ProjectionRunnerOptions,
  ) {
    this.workers = projections.map(({ projection, poison = 'skip' }) => ({
      worker: new ProjectionWorker(events, readStore, projection, poison, options, () => {
        this.wake();
      }),
      poison,
    }));
  }

  start(): void {
    this.starts ??= this.workers.map((target) => this.upgradeThenStart(target));
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.all(this.starts ?? []);
    await Promise.all(this.workers.map(({ worker }) => worker.stop()));
    this.wake();
  }

  /** Starts the worker once its projection is at the declared version; a failed rebuild is tried again, with backoff. */
  private async upgradeThenStart({ worker, poison }: { worker: ProjectionWorker; poison: PoisonPolicy }): Promise<void> {
    const { signal } = this.stopping;
    const backoff = new Backoff({ initialMs: this.options.retryDelayMs ?? 200, maxMs: this.options.maxRetryDelayMs ?? 30_000 });
    const report = (rebuild: NonNullable<ProjectionStatus['rebuild']>) => {
      Object.assign(worker.status, { state: 'rebuilding', rebuild });
      this.wake();
    };
    for (;;) {
      try {
        await upgradeProjection(this.events, this.readStore, { projection: worker.projection, poison }, { ...this.options, signal, report });
        break;
      } catch (error) {
        if (signal.aborted) return;
        this.options.log?.(`Projection ${worker.projection.name}: its rebuild failed (${errorText(error)}); trying again`);
        await sleep(backoff.failed(error), undefined, { signal }).catch(() => undefined);
      }
    }
    if (signal.aborted) return;
    delete worker.status.rebuild;
    worker.status.state = 'starting';
    worker.start();
  }

  status(): ProjectionStatus[] {
    return this.workers.map(({ worker }) => ({ ...worker.status }));
  }

  /** Resolves true once the named projections (all by default) have reached `position`, false after `timeoutMs`. */
  async waitFor(position: bigint, timeoutMs: number, names?: readonly string[]): Promise<boolean> {
    const watched = this.workers.map(({ worker }) => worker).filter((worker) => !names || names.includes(worker.projection.name));
    const reached = () => watched.every((worker) => worker.status.position >= position);
    const deadline = Date.now() + timeoutMs;
    while (!reached()) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) return false;
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

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
