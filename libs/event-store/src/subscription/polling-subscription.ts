import type { RecordedEvent, Subscription } from '../event-store.port';

/** Reads the next events after a position, in position order; must never skip one. */
export type ReadAfter = (after: bigint, maxCount: number) => Promise<RecordedEvent[]>;

/** One subscription's reads of the log; `close` tells their source that it has ended. */
export interface PageReader {
  read: ReadAfter;
  close?(): void;
}

/** Tells a live subscription when new events may be there. */
export interface ChangeSource {
  /** Counts the change signals so far. */
  changes(): number;
  /** Resolves once there was a change after the `seen`th, or after `timeoutMs` at the latest. */
  wait(seen: number, timeoutMs: number, signal: AbortSignal): Promise<void>;
}

/**
 * Catch-up then live, in batches: read until nothing is left, then wait for a change signal (or the
 * poll interval, in case a signal was lost) and read again. Its `pages` decide what is safe to read.
 */
export class PollingSubscription implements Subscription {
  private readonly closing = new AbortController();

  constructor(
    private readonly pages: PageReader,
    private readonly changes: ChangeSource,
    private after: bigint,
    private readonly options: { batchSize: number; pollIntervalMs: number },
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    try {
      while (!this.closed()) {
        // Counted before reading: a change signalled while the read runs must not be slept through.
        const seen = this.changes.changes();
        const batch = await this.pages.read(this.after, this.options.batchSize);
        for (const event of batch) {
          if (this.closed()) return;
          this.after = event.position;
          yield event;
        }
        if (batch.length < this.options.batchSize) {
          await this.changes.wait(seen, this.options.pollIntervalMs, this.closing.signal);
        }
      }
    } finally {
      this.pages.close?.();
    }
  }

  close(): Promise<void> {
    this.closing.abort();
    this.pages.close?.();
    return Promise.resolve();
  }

  /** Asked afresh at each step: close() may come while the consumer holds an event. */
  private closed(): boolean {
    return this.closing.signal.aborted;
  }
}

/** A wake-up signal: `notify` counts a change and resolves every pending `wait`. */
export class ChangeSignal implements ChangeSource {
  private waiters = new Set<() => void>();
  private count = 0;

  changes(): number {
    return this.count;
  }

  notify(): void {
    this.count++;
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const wake of waiters) wake();
  }

  wait(seen: number, timeoutMs: number, signal: AbortSignal): Promise<void> {
    if (this.count !== seen || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      signal.addEventListener('abort', done, { once: true });
      this.waiters.add(done);
    });
  }
}
