import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';

/**
 * The command requests being handled. A command whose client hung up still runs to its end: the
 * application waits for them all before its shutdown hooks close the stores (Nest calls
 * `beforeApplicationShutdown` on every provider before any `onApplicationShutdown`).
 */
@Injectable()
export class CommandsInFlight implements BeforeApplicationShutdown {
  private readonly running = new Set<Promise<unknown>>();

  get count(): number {
    return this.running.size;
  }

  /** Tracks `work` until it settles; returns it unchanged. */
  track<T>(work: Promise<T>): Promise<T> {
    const tracked = work.then(
      () => undefined,
      () => undefined,
    );
    this.running.add(tracked);
    void tracked.then(() => this.running.delete(tracked));
    return work;
  }

  async beforeApplicationShutdown(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
