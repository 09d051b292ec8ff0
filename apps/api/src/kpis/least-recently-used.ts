/** A map of at most `capacity` entries: past it, those set least recently go first (a `peek` does not count). */
export class LeastRecentlyUsed<Key, Value> {
  private readonly entries = new Map<Key, Value>();

  constructor(private readonly capacity: number) {}

  peek(key: Key): Value | undefined {
    return this.entries.get(key);
  }

  /** Kept as used last: to the end of the order in which the least recently set go first. */
  set(key: Key, value: Value): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.capacity) return;
      this.entries.delete(oldest);
    }
  }

  delete(key: Key): void {
    this.entries.delete(key);
  }
}
