/** An entry, linked to the ones used just before and just after it. */
interface Entry<Key, Value> {
  key: Key;
  value: Value;
  older: Entry<Key, Value> | undefined;
  newer: Entry<Key, Value> | undefined;
}

/**
 * A map of entries weighing at most `capacity` in all (each weighs 1 unless `weigh` says otherwise): past
 * it, those used least recently go first (a `set` or a `get` uses an entry; a `peek` does not). The order is a list of its own: finding the oldest entry
 * by walking the map from its start steps over every entry dropped since the map last compacted its
 * table (about 35 µs a `set` at 100,000 entries), and a walk kept open across calls holds on to every
 * table the map has outgrown.
 */
export class LeastRecentlyUsed<Key, Value> {
  private readonly entries = new Map<Key, Entry<Key, Value>>();
  private oldest: Entry<Key, Value> | undefined;
  private newest: Entry<Key, Value> | undefined;
  private weight = 0;

  constructor(
    private readonly capacity: number,
    private readonly weigh: (value: Value) => number = () => 1,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  peek(key: Key): Value | undefined {
    return this.entries.get(key)?.value;
  }

  /** The value, now counted as used last, as if set again. */
  get(key: Key): Value | undefined {
    const entry = this.entries.get(key);
    if (entry) this.makeNewest(entry);
    return entry?.value;
  }

  /** Kept as used last: to the end of the order in which the least recently used go first. */
  set(key: Key, value: Value): void {
    let entry = this.entries.get(key);
    if (entry) {
      this.weight -= this.weigh(entry.value);
      entry.value = value;
      this.makeNewest(entry);
    } else {
      entry = { key, value, older: undefined, newer: undefined };
      this.entries.set(key, entry);
      this.link(entry);
    }
    this.weight += this.weigh(value);
    while (this.weight > this.capacity && this.oldest) this.delete(this.oldest.key);
  }

  delete(key: Key): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.unlink(entry);
    this.weight -= this.weigh(entry.value);
  }

  clear(): void {
    this.entries.clear();
    this.oldest = this.newest = undefined;
    this.weight = 0;
  }

  private makeNewest(entry: Entry<Key, Value>): void {
    this.unlink(entry);
    this.link(entry);
  }

  private link(entry: Entry<Key, Value>): void {
    entry.older = this.newest;
    if (this.newest) this.newest.newer = entry;
    else this.oldest = entry;
    this.newest = entry;
  }

  private unlink(entry: Entry<Key, Value>): void {
    if (entry.older) entry.older.newer = entry.newer;
    else this.oldest = entry.newer;
    if (entry.newer) entry.newer.older = entry.older;
    else this.newest = entry.older;
    entry.older = entry.newer = undefined;
  }
}
