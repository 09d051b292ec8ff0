import type { ThrottlerStorage } from '@nestjs/throttler';

interface Window {
  hits: number;
  endsAt: number;
}

/** What the throttler guard reads of a count (the library's record type, which it does not export). */
export type WindowCount = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * Counts each key's requests in fixed windows of `ttl`: constant work a request, where the library's
 * default store keeps every hit's expiry and scans them all each time (a busy token's thousand a
 * second). The price: across a window's edge a client may get up to twice the limit through, which
 * suits a guard against floods rather than a quota.
 */
export class FixedWindowStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();
  private sweptAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  increment(key: string, ttl: number, limit: number, _blockDuration: number, throttlerName: string): Promise<WindowCount> {
    const now = this.now();
    this.sweep(now, ttl);
    const id = `${throttlerName}:${key}`;
    let window = this.windows.get(id);
    if (!window || window.endsAt <= now) {
      window = { hits: 0, endsAt: now + ttl };
      this.windows.set(id, window);
    }
    window.hits++;
    const timeToExpire = Math.ceil((window.endsAt - now) / 1000);
    const isBlocked = window.hits > limit;
    return Promise.resolve({ totalHits: window.hits, timeToExpire, isBlocked, timeToBlockExpire: isBlocked ? timeToExpire : 0 });
  }

  /** Every so often, ended windows go: keys seen once must not pile up. */
  private sweep(now: number, ttl: number): void {
    if (now - this.sweptAt < Math.max(ttl, 10_000)) return;
    this.sweptAt = now;
    for (const [id, window] of this.windows) if (window.endsAt <= now) this.windows.delete(id);
  }

  /** How many keys it holds (for the test of its sweeping). */
  get size(): number {
    return this.windows.size;
  }
}
