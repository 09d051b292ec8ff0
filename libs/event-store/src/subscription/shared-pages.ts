import { performance } from 'node:perf_hooks';
import type { RecordedEvent } from '../event-store.port';
import { deepFreeze } from '@arrears/platform';
import { ChangeSignal, type PageReader, type ReadAfter } from './polling-subscription';

export interface SharedPagesOptions {
  /** Full pages kept (16). */
  kept?: number;
  /**
   * How long a reader may go without asking for a page and still be waited for (2 s): longer, and it
   * is stalled (its projection retrying a write, say), and the others go on without it.
   */
  staleMs?: number;
}

/** Where one subscription reads, and when it last asked. */
interface ReaderState {
  after: bigint;
  askedAt: number;
  /** Whether its last page was full: it is catching up, not following the live tail. */
  catchingUp: boolean;
}

/**
 * Full pages of the log, read once for every subscription of a store: projections catching up side
 * by side ask for the same pages, and a settled page never changes. A partial page (the live tail)
 * is never kept, so a subscription reading after a change always reads the database. Pages are
 * frozen: every reader shares the same event objects.
 *
 * Readers catching up together stay together: one that would read a page nobody has read yet waits
 * while another reader near behind it (within `window` pages) is more than half the kept pages back,
 * so each page is still kept when the last of them asks for it. Otherwise the fastest projections
 * ran ahead, and the log was read once for each speed. A reader far behind (a rebuild from the start),
 * stalled or closed is not waited for, nor does a reader following the live tail ever wait.
 */
export class SharedPages {
  private readonly pages = new Map<string, Promise<RecordedEvent[]>>();
  private readonly readers = new Map<symbol, ReaderState>();
  private readonly moved = new ChangeSignal();
  private readonly kept: number;
  private readonly staleMs: number;

  constructor(
    private readonly readAfter: ReadAfter,
    options: SharedPagesOptions = {},
  ) {
    this.kept = options.kept ?? 16;
    this.staleMs = options.staleMs ?? 2_000;
  }

  /** The pages as one subscription reads them: `close` when it ends, so that nobody waits for it. */
  reader(): Required<PageReader> {
    const key = Symbol('reader');
    const closing = new AbortController();
    return {
      read: async (after, maxCount) => {
        const state = this.readers.get(key);
        this.readers.set(key, { after, askedAt: performance.now(), catchingUp: state?.catchingUp ?? false });
        this.moved.notify();
        if (state?.catchingUp) await this.keepTogether(key, after, maxCount, closing.signal);
        const events = await this.read(after, maxCount);
        const current = this.readers.get(key);
        if (current) current.catchingUp = events.length === maxCount;
        return events;
      },
      close: () => {
        closing.abort();
        this.readers.delete(key);
        this.moved.notify();
      },
    };
  }

  /** Waits while a reader near behind would miss the page `after` if it were read now. */
  private async keepTogether(key: symbol, after: bigint, maxCount: number, closing: AbortSignal): Promise<void> {
    if (this.pages.has(pageKey(after, maxCount))) return;
    const page = BigInt(maxCount);
    const [lead, window] = [(page * BigInt(this.kept)) / 2n, page * BigInt(this.kept) * 4n];
    const waitedFor = () =>
      [...this.readers].some(
        ([other, { after: at, askedAt }]) => other !== key && at < after - lead && at >= after - window && performance.now() - askedAt < this.staleMs,
      );
    while (!closing.aborted && waitedFor()) await this.moved.wait(this.moved.changes(), this.staleMs, closing);
  }

  private async read(after: bigint, maxCount: number): Promise<RecordedEvent[]> {
    const key = pageKey(after, maxCount);
    const shared = this.pages.get(key);
    if (shared) {
      const events = await shared.catch(() => []);
      if (events.length === maxCount) return events;
    }
    const page = this.readAfter(after, maxCount).then(deepFreeze);
    this.keep(key, page);
    const events = await page;
    if (events.length < maxCount && this.pages.get(key) === page) this.pages.delete(key);
    return events;
  }

  private keep(key: string, page: Promise<RecordedEvent[]>): void {
    this.pages.delete(key);
    this.pages.set(key, page);
    page.catch(() => this.pages.get(key) === page && this.pages.delete(key));
    for (const oldest of this.pages.keys()) {
      if (this.pages.size <= this.kept) break;
      this.pages.delete(oldest);
    }
  }
}

const pageKey = (after: bigint, maxCount: number) => `${after}/${maxCount}`;
