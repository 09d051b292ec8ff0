import { createHash, randomUUID } from 'node:crypto';
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

interface RateWindowDocument extends ReadDocument {
  /**
   * The caller's key (a subject's id, or an address) hashed to what any store keeps (a key may hold a NUL); kept
   * only until its window ends, or a minute after when its process died.
   */
  caller: string;
  /** When the window started, in ms since the epoch: every process cuts time into the same windows. */
  start: number;
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
}

/**
 * Counts each caller's requests with every process on the same read store (API replicas), in fixed
 * windows of `ttl` that start on its multiples, so that all processes count the same windows. A request
 * is decided at once on this process's count and the others' as last heard; every `rateExchangeMs` each
 * process writes its own counts (a document per caller and window, so a write retried counts nothing
 * twice) and reads the others'. N replicas therefore let a caller through the limit, plus what the
 * others took in the last exchange. A store that does not answer holds no request up: each process counts
 * alone until it answers again. Like FixedWindowStorage, up to twice the limit gets through across a
 * window's edge: a guard against floods, not a quota.
 */
export class SharedWindowStorage implements ThrottlerStorage, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SharedWindowStorage.name);
  private readonly process = randomUUID();
  private readonly counts = new Map<string, Count>();
  /** Windows of ours in the store that have ended: deleted at the next exchange. */
  private readonly ended = new Set<string>();
  private exchanging: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
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
      if (count) this.windowEnded(id, count);
      count = { caller: callerOf(id), start, endsAt: start + ttl, hits: 0, told: 0, others: 0 };
      this.counts.set(id, count);
    }
    count.hits++;
    const totalHits = count.hits + count.others;
    const timeToExpire = Math.ceil((count.endsAt - now) / 1000);
    const isBlocked = totalHits > limit;
    return Promise.resolve({ totalHits, timeToExpire, isBlocked, timeToBlockExpire: isBlocked ? timeToExpire : 0 });
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.exchange(), rateExchangeMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.exchanging;
  }

  /** Tells the store this process's counts and hears the others'; one exchange at a time, never throwing. */
  exchange(): Promise<void> {
    this.exchanging ??= this.exchangeOnce().finally(() => {
      this.exchanging = undefined;
    });
    return this.exchanging;
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
    for (const [id, count] of this.counts) if (count.endsAt <= now) this.windowEnded(id, count);
    if (!this.indexed) {
      await this.readStore.ensureIndexes(RATE_WINDOWS, [{ name: 'by_caller', fields: [{ field: 'caller', direction: 'asc' }] }]);
      this.indexed = true;
    }
    await this.tell();
    await this.hear();
    if (now - this.sweptAt >= sweptAfterMs) await this.sweep(now);
  }

  private async tell(): Promise<void> {
    const untold = [...this.counts.values()].filter((count) => count.hits > count.told).map((count) => [count, count.hits] as const);
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

  private async hear(): Promise<void> {
    const live = [...this.counts.values()];
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
    const stale = await this.readStore.find(RATE_WINDOWS, { where: [{ field: 'start', op: 'lt', value: now - sweptAfterMs }], limit: 1000 });
    if (stale.length) await this.readStore.apply(stale.map(({ id }) => ({ kind: 'delete', collection: RATE_WINDOWS, id })));
    this.sweptAt = now;
  }

  private windowEnded(id: string, count: Count): void {
    this.counts.delete(id);
    if (count.told > 0) this.ended.add(this.documentOf(count, count.told).id);
  }

  private documentOf(count: Count, hits: number): RateWindowDocument {
    return { id: `${this.process}:${windowKey(count.caller, count.start)}`, caller: count.caller, start: count.start, process: this.process, hits };
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

const callerOf = (id: string) => createHash('sha256').update(id).digest('base64url');

const windowKey = (caller: string, start: number) => `${caller}:${start}`;
