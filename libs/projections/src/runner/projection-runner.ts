import type { EventStore } from '@arrears/event-store';
import type { ReadStore } from '@arrears/read-store';
import type { Projection } from '../projection';
import { ProjectionWorker, type PoisonPolicy, type ProjectionStatus, type WorkerOptions } from './projection-worker';

export type ProjectionRunnerOptions = WorkerOptions;

/**
 * Runs a set of projections side by side, each with its own checkpoint and lease, so a slow or
 * stopped one never holds the others back; and tells readers when the models have caught up.
 */
export class ProjectionRunner {
  private readonly workers: ProjectionWorker[];
  private readonly waiters = new Set<() => void>();

  constructor(
    events: EventStore,
    readStore: ReadStore,
    projections: { projection: Projection; poison?: PoisonPolicy }[],
    options: ProjectionRunnerOptions,
  ) {
    this.workers = projections.map(
      ({ projection, poison }) => new ProjectionWorker(events, readStore, projection, poison ?? 'skip', options, () => this.wake()),
    );
  }

  start(): void {
    for (const worker of this.workers) worker.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.stop()));
    this.wake();
  }

  status(): ProjectionStatus[] {
    return this.workers.map((worker) => ({ ...worker.status }));
  }

  /** Resolves true once the named projections (all by default) have reached `position`, false after `timeoutMs`. */
  async waitFor(position: bigint, timeoutMs: number, names?: readonly string[]): Promise<boolean> {
    const watched = this.workers.filter((worker) => !names || names.includes(worker.projection.name));
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
