import { entryOf, withEntry } from './entry-of';

/**
 * A registry that grows with the account's history (every payment, every reversal) and is added to
 * without being copied: its entries sit in buckets three levels deep, by a hash of their id (16 × 16
 * × 16), so an addition copies three index objects of at most 16 keys and one bucket (its share of
 * the ids), never every id before it. Like every registry it stays plain JSON (read models store it)
 * and is persistent: the registry it was made from is left as it was, and shares all but those four objects.
 */
export type SharedRegistry<T> = Level & { readonly [entryType]?: T };

/** A level of the registry: index objects down to the buckets of entries. */
type Level = Readonly<Record<string, unknown>>;
declare const entryType: unique symbol;

const fanOut = 16;
const depth = 3;

/** How deep a registry's entries sit: its index levels, then the bucket that holds them by id. */
export const sharedRegistryLevels = depth + 1;

/**
 * The slots of an id, one per level: FNV-1a over its UTF-16 code units, which spreads short similar ids
 * evenly. Slot names are not array indexes: V8 copies objects of named keys far faster.
 */
function slotsOf(id: string): string[] {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  hash >>>= 0;
  const slots: string[] = [];
  for (let level = 0; level < depth; level++, hash = Math.floor(hash / fanOut)) slots.push(`s${hash % fanOut}`);
  return slots;
}

/** The entry kept under `id`, if any (never one inherited from Object.prototype). */
export function sharedEntryOf<T>(registry: SharedRegistry<T>, id: string): T | undefined {
  let level: Level | undefined = registry;
  for (const slot of slotsOf(id)) level = level && (entryOf(level, slot) as Level | undefined);
  return level && (entryOf(level, id) as T | undefined);
}

/** `registry` with `value` under `id` (none: without `id`), sharing every bucket but the one `id` falls in. */
export function withSharedEntry<T>(registry: SharedRegistry<T>, id: string, value: T | undefined): SharedRegistry<T> {
  const within = (level: Level, slots: string[]): Level => {
    const [slot, ...below] = slots;
    if (slot === undefined) return value === undefined ? without(level, id) : withEntry(level, id, value);
    return withEntry(level, slot, within((entryOf(level, slot) as Level | undefined) ?? {}, below));
  };
  return within(registry, slotsOf(id));
}

const without = (bucket: Level, id: string): Level => Object.fromEntries(Object.entries(bucket).filter(([key]) => key !== id));

/** Every entry, in no particular order: for readers that need them all (a fold never does). */
export function sharedEntries<T>(registry: SharedRegistry<T>): [string, T][] {
  let levels: Level[] = [registry];
  for (let level = 0; level < depth; level++) levels = levels.flatMap((index) => Object.values(index) as Level[]);
  return levels.flatMap((bucket) => Object.entries(bucket) as [string, T][]);
}
