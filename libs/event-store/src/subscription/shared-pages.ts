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
  /** Whether its last page was full: it is catching up, not at the live tail. */
  catchingUp: boolean;
  /** Where its last pages (four times the kept ones) started: a reader behind it at one of these reads the same pages. */
  recent: Set<bigint>;
}

/**
 * Full pages of the log, read once for every subscription of a store: projections catching up side
 * by side ask for the same pages, and a settled page never changes. A partial page (the live tail)
 * is never kept, so a subscription reading after a change always reads the database. Pages are
 * frozen: every reader shares the same event objects.
 *
 * Readers catching up together stay together. One that would read a page nobody has read yet waits
 * while another reader is more than half the kept pages behind it at a page it read lately (among its
 * last four times the kept pages), so that each page is still kept when the last of them asks for it.
 * Otherwise the fastest projections ran ahead, and the log was read once for each speed. So the
 * slowest of them sets their pace. Nobody waits for a reader far behind (a rebuild from the start),
 * on other pages (one that resumed from its own checkpoint), stalled or closed, and a reader whose
 * last page was partial (at the live tail) never waits.
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
    // A function, not a narrowed property: the reader may be closed while it waits.
    const closed = () => closing.signal.aborted;
    return {
      read: async (after, maxCount) => {
        if (closed()) return [];
        const state = this.asked(key, after);
        if (state.catchingUp) await this.keepTogether(state, maxCount, closing.signal);
        if (closed()) return [];
        const events = await this.read(after, maxCount);
        state.catchingUp = events.length === maxCount;
        return events;
      },
      close: () => {
        closing.abort();
        this.readers.delete(key);
        this.moved.notify();
      },
    };
  }

  /** Records that the reader asks for the page after `after`, and tells those waiting on it. */
  private asked(key: symbol, after: bigint): ReaderState {
    const state = this.readers.get(key) ?? { after, askedAt: 0, catchingUp: false, recent: new Set<bigint>() };
    this.readers.set(key, Object.assign(state, { after, askedAt: performance.now() }));
    state.recent.add(after);
    for (const oldest of state.recent) {
      if (state.recent.size <= this.kept * 4 || oldest === after) break;
      state.recent.delete(oldest);
    }
    this.moved.notify();
    return state;
  }

  /** Waits while a reader on the same pages, near behind, would miss the page `own` asks for if it were read now. */
  private async keepTogether(own: ReaderState, maxCount: number, closing: AbortSignal): Promise<void> {
    const { after } = own;
    if (this.pages.has(pageKey(after, maxCount))) return;
    const lead = (BigInt(maxCount) * BigInt(this.kept)) / 2n;
    // How long until the last reader waited for goes stale; undefined when none is waited for.
    const waitedFor = (): number | undefined => {
      let longest: number | undefined;
      for (const other of this.readers.values()) {
        const fresh = this.staleMs - (performance.now() - other.askedAt);
        const behind = other.after < after - lead && own.recent.has(other.after);
        if (other !== own && behind && fresh > 0) longest = Math.max(longest ?? 0, fresh);
      }
      return longest;
    };
    for (let wait = waitedFor(); wait !== undefined && !closing.aborted; wait = waitedFor()) {
      await this.moved.wait(this.moved.changes(), Math.ceil(wait), closing);
    }
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
