/**
 * Seeded randomness for the simulator. Every draw about an account on a day comes from a stream of its
 * own, keyed by the seed, the account and the day (and what is drawn), so the facts do not depend on the
 * order in which accounts are worked side by side: the same seed gives the same portfolio on every run.
 */

/** A generator of numbers in [0, 1), with the helpers the behaviour model needs. */
export interface Draw {
  next: () => number;
  /** An integer from `min` to `max`, both included. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** A number from `min` to `max`. */
  between(min: number, max: number): number;
}

/** Mulberry32: small, fast, and the same on every machine. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Mixes the keys into one 32-bit seed (murmur3's finaliser after each key), so nearby keys give unrelated streams. */
export function mix(...keys: number[]): number {
  let hash = 0x9e3779b9;
  for (const key of keys) {
    hash = Math.imul(hash ^ (key >>> 0), 0x85ebca6b);
    hash ^= hash >>> 13;
    hash = Math.imul(hash, 0xc2b2ae35);
    hash ^= hash >>> 16;
  }
  return hash >>> 0;
}

/** The draws of one stream, named by its keys (seed, account, day, purpose…). */
export function drawFor(...keys: number[]): Draw {
  return drawFrom(mulberry32(mix(...keys)));
}

export function drawFrom(next: () => number): Draw {
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    between: (min, max) => min + next() * (max - min),
  };
}

/** What a stream is for: drawn with a purpose of its own, two purposes never share numbers. */
export const purposes = { traits: 1, opening: 2, invoice: 3, debtor: 4, call: 5, answer: 6, dispute: 7 } as const;
