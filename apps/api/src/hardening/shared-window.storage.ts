import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ReadDocument, ReadStore, WriteOperation } from '@arrears/read-store';
import type { WindowCount } from './fixed-window.storage';

/** Where the processes sharing a read store keep their counts: one document per process, caller and window. */
export const RATE_WINDOWS = 'rate_windows';

/** How often a process tells the others its counts and hears theirs: what it may let through unheard. */
export const rateExchangeMs = 100;

/** Windows that ended this long ago are swept by whichever process comes by, dead ones' included. */
const sweptAfterMs = 60_000;

/** How long a stopping process waits for an exchange in flight: the counts are a guard, not a record. */
const exchangeOnStopMs = 1_000;

interface RateWindowDocument extends ReadDocument {
  /**
   * The caller's key (a subject's id, or an address) hashed to what any store keeps (a key may hold a NUL); kept
   * only until its window ends, or a minute after when its process died.
   */
  caller: string;
  /** When the window started and ends, in ms since the epoch: every process cuts time into the same windows. */
  start: number;
  endsAt: number;
  process: string;
  hits: number;
}

interface Count {
  caller: string;
  start: number;
  endsAt: number;
  /** This process's hits in the window. */
  hits: number;
  /** How many of them the store holds. */
  told: number;
  /** Every other process's hits in the window, as last heard. */
  others: number;
  /** Every process's hits in the window before, as this process last knew them. */
  before: number;
  /** Its end is queued for the store. */
  closed: boolean;
}

/**
 * Counts each caller's requests with every process on the same read store (API replicas), in windows of `ttl`
 * that start on its multiples of the clock, so that all processes count the same windows (their clocks must
 * agree). A request is decided at once, on this process's count and the others' as last heard; every
 * `rateExchangeMs` each process writes its own counts (a document per caller and window, so a write retried
 * counts nothing twice) and reads the others'. As in a sliding window, the window before weighs on the count
 * by the share of it still within `ttl`, so a caller that keeps flooding stays refused from one window to the
 * next. A store that does not answer holds no request up: each process counts alone until it answers again.
 */
export class SharedWindowStorage implements ThrottlerStorage, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SharedWindowStorage.name);
  private readonly process = randomUUID();
  private readonly counts = new Map<string, Count>();
  /** Windows of ours that have ended: their documents are deleted at the next exchange. */
  private readonly ended = new Set<string>();
  private current: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private indexed = false;
  private failing = false;
  private sweptAt = 0;

  constructor(
    private readonly readStore: ReadStore,
    private readonly now: () => number = Date.now,
  ) {}

  increment(key: string, ttl: number, limit: number, _blockDuration: number, throttlerName: string): Promise<WindowCount> {
    const now = this.now();
    const start = now - (now % ttl);
    const id = `${throttlerName}:${key}`;
    let count = this.counts.get(id);
    if (!count || count.start !== start) {
      const before = count?.start === start - ttl ? count.hits + count.others : 0;
      if (count) this.windowEnded(count);
      count = { caller: callerOf(id), start, endsAt: start + ttl, hits: 0, told: 0, others: 0, before, closed: false };
      this.counts.set(id, count);
    }
    count.hits++;
    const totalHits = count.hits + count.others + Math.floor((count.before * (count.endsAt - now)) / ttl);
    const timeToExpire = Math.ceil((count.endsAt - now) / 1000);
    const isBlocked = totalHits > limit;
    return Promise.resolve({ totalHits, timeToExpire, isBlocked, timeToBlockExpire: isBlocked ? timeToExpire : 0 });
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.exchange(), rateExchangeMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await Promise.race([this.queued ?? this.current, delay(exchangeOnStopMs, undefined, { ref: false })]);
  }

  /**
   * An exchange that begins after this call (the one in flight may have read the counts before it): tells the
   * store this process's counts and hears the others'. One at a time, and it never throws.
   */
  exchange(): Promise<void> {
    if (!this.current) return this.begin();
    this.queued ??= this.current.then(() => {
      this.queued = undefined;
      return this.begin();
    });
    return this.queued;
  }

  private begin(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.current = this.exchangeOnce().finally(() => {
      this.current = undefined;
    });
    return this.current;
  }

  private async exchangeOnce(): Promise<void> {
    try {
      await this.exchangeCounts();
      this.recovered();
    } catch (error) {
      this.failed(error);
    }
  }

  private async exchangeCounts(): Promise<void> {
    const now = this.now();
    for (const [id, count] of this.counts) {
      if (count.endsAt <= now) this.windowEnded(count);
      // The window before the current one is kept for its weight on the current one.
      if (count.endsAt + (count.endsAt - count.start) <= now) this.counts.delete(id);
    }
    if (!this.indexed) {
      await this.readStore.ensureIndexes(RATE_WINDOWS, [{ name: 'by_caller', fields: [{ field: 'caller', direction: 'asc' }] }]);
      this.indexed = true;
    }
    await this.tell();
    await this.hear(now);
    if (now - this.sweptAt >= sweptAfterMs) await this.sweep(now);
  }

  private async tell(): Promise<void> {
    const untold = [...this.counts.values()].filter((count) => !count.closed && count.hits > count.told).map((count) => [count, count.hits] as const);
    const deleted = [...this.ended];
    const writes: WriteOperation[] = [
      ...untold.map(([count, hits]): WriteOperation => ({ kind: 'put', collection: RATE_WINDOWS, document: this.documentOf(count, hits) })),
      ...deleted.map((id): WriteOperation => ({ kind: 'delete', collection: RATE_WINDOWS, id })),
    ];
    if (!writes.length) return;
    await this.readStore.apply(writes);
    for (const [count, hits] of untold) count.told = hits;
    for (const id of deleted) this.ended.delete(id);
  }

  private async hear(now: number): Promise<void> {
    const live = [...this.counts.values()].filter((count) => count.endsAt > now);
    if (!live.length) return;
    const heard = (await this.readStore.find(RATE_WINDOWS, {
      where: [{ field: 'caller', op: 'in', value: [...new Set(live.map((count) => count.caller))] }],
    })) as RateWindowDocument[];
    const others = new Map<string, number>();
    for (const document of heard) {
      if (document.process === this.process) continue;
      const window = windowKey(document.caller, document.start);
      others.set(window, (others.get(window) ?? 0) + document.hits);
    }
    for (const count of live) count.others = others.get(windowKey(count.caller, count.start)) ?? 0;
  }

  /** Windows long ended, whoever counted them (a process that died leaves its own). */
  private async sweep(now: number): Promise<void> {
    const stale = await this.readStore.find(RATE_WINDOWS, { where: [{ field: 'endsAt', op: 'lt', value: now - sweptAfterMs }], limit: 1000 });
    if (stale.length) await this.readStore.apply(stale.map(({ id }) => ({ kind: 'delete', collection: RATE_WINDOWS, id })));
    this.sweptAt = now;
  }

  /** Queues the delete of the window's document: a put still in flight may land it yet, and deleting none is harmless. */
  private windowEnded(count: Count): void {
    if (count.closed) return;
    count.closed = true;
    if (count.hits > 0) this.ended.add(this.documentOf(count, count.hits).id);
  }

  private documentOf(count: Count, hits: number): RateWindowDocument {
    const { caller, start, endsAt } = count;
    return { id: `${this.process}:${windowKey(caller, start)}`, caller, start, endsAt, process: this.process, hits };
  }

  private recovered(): void {
    if (!this.failing) return;
    this.failing = false;
    this.logger.log('The read store answers again: rate limits are counted with the other processes.');
  }

  private failed(error: unknown): void {
    if (this.failing) return;
    this.failing = true;
    this.logger.warn(`Rate limits are counted by this process alone until the read store answers: ${String(error)}`);
  }
}

/** The caller's key hashed from its UTF-16 code units: two keys differing only in lone surrogates stay apart. */
const callerOf = (id: string) => createHash('sha256').update(Buffer.from(id, 'utf16le')).digest('base64url');

const windowKey = (caller: string, start: number) => `${caller}:${start}`;
