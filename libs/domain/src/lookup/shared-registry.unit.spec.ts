import { sharedEntries, sharedEntryOf, withSharedEntry, type SharedRegistry } from './shared-registry';

const filled = (count: number): SharedRegistry<number> => {
  let registry: SharedRegistry<number> = {};
  for (let n = 0; n < count; n++) registry = withSharedEntry(registry, `pay-${n}`, n);
  return registry;
};

/** Every object in a registry, its buckets and index objects included. */
const objectsOf = (value: unknown): Set<object> => {
  const seen = new Set<object>();
  const visit = (node: unknown) => {
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    seen.add(node);
    Object.values(node).forEach(visit);
  };
  visit(value);
  return seen;
};

describe('A shared registry', () => {
  it('finds each entry added, and nothing else, inherited names included', () => {
    const registry = withSharedEntry(filled(1_000), '__proto__', -1);
    expect(sharedEntryOf(registry, 'pay-0')).toBe(0);
    expect(sharedEntryOf(registry, 'pay-999')).toBe(999);
    expect(sharedEntryOf(registry, '__proto__')).toBe(-1);
    expect(sharedEntryOf(registry, 'pay-1000')).toBeUndefined();
    expect(sharedEntryOf(registry, 'constructor')).toBeUndefined();
    expect(sharedEntryOf(registry, 'toString')).toBeUndefined();
    expect(sharedEntries(registry)).toHaveLength(1_001);
  });

  it('is plain JSON: stored and read back, it finds the same entries', () => {
    const registry = JSON.parse(JSON.stringify(filled(100))) as SharedRegistry<number>;
    expect(sharedEntryOf(registry, 'pay-42')).toBe(42);
    expect(sharedEntries(registry).sort(([, a], [, b]) => a - b)).toEqual(Array.from({ length: 100 }, (_, n) => [`pay-${n}`, n]));
  });

  it('leaves the registry it was made from as it was, and drops an entry without a value', () => {
    const before = filled(50);
    const stored = JSON.stringify(before);
    const after = withSharedEntry(withSharedEntry(before, 'pay-7', undefined), 'pay-50', 50);
    expect(JSON.stringify(before)).toBe(stored);
    expect(sharedEntryOf(after, 'pay-7')).toBeUndefined();
    expect(sharedEntryOf(after, 'pay-50')).toBe(50);
    expect(sharedEntries(after)).toHaveLength(50);
  });

  it.each([10, 1_000, 10_000])('adds an entry to %i others by building four objects, whatever its size: the rest is shared', (size) => {
    const before = filled(size);
    const old = objectsOf(before);
    const built = [...objectsOf(withSharedEntry(before, 'pay-new', -1))].filter((object) => !old.has(object));
    // The new root, two index objects below it, and the bucket that holds the new entry.
    expect(built).toHaveLength(4);
    expect(Math.max(...built.map((object) => Object.keys(object).length))).toBeLessThanOrEqual(16);
  });
});
