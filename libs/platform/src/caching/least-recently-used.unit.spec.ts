import fc from 'fast-check';
import { LeastRecentlyUsed } from './least-recently-used';

/** What the map should hold: its keys from least to most recently set, each with its value. */
class Model {
  entries: [string, number][] = [];
  constructor(
    private readonly capacity: number,
    private readonly weigh: (value: number) => number = () => 1,
  ) {}
  set(key: string, value: number) {
    this.delete(key);
    this.entries.push([key, value]);
    while (this.entries.reduce((sum, [, held]) => sum + this.weigh(held), 0) > this.capacity) this.entries.shift();
  }
  delete(key: string) {
    this.entries = this.entries.filter(([kept]) => kept !== key);
  }
}

const keys = ['a', 'b', 'c', 'd', 'e', 'f'];

describe('LeastRecentlyUsed: at most so many entries, the least recently set going first', () => {
  it('drops the entry set longest ago once past its capacity; setting an entry again makes it the newest', () => {
    const kept = new LeastRecentlyUsed<string, number>(2);
    kept.set('a', 1);
    kept.set('b', 2);
    kept.set('a', 3);
    kept.set('c', 4);
    expect(['a', 'b', 'c'].map((key) => kept.peek(key))).toEqual([3, undefined, 4]);
  });

  it.each([
    ['a peek does not make an entry newer', (kept: LeastRecentlyUsed<string, number>) => kept.peek('a')],
    [
      'a deleted entry frees its place',
      (kept: LeastRecentlyUsed<string, number>) => {
        kept.delete('a');
      },
    ],
  ])('%s', (_, touch) => {
    const kept = new LeastRecentlyUsed<string, number>(2);
    kept.set('a', 1);
    kept.set('b', 2);
    touch(kept);
    kept.set('c', 3);
    expect(['a', 'b', 'c'].map((key) => kept.peek(key))).toEqual([undefined, 2, 3]);
  });

  it.each([
    ['each entry weighing 1', undefined],
    ['each entry weighing its value', (value: number) => value],
  ])('holds what a plain list of its entries holds, and as many, over any sequence of sets and deletes, %s', (_, weigh) => {
    const operation = fc.record({ deleting: fc.boolean(), key: fc.constantFrom(...keys), value: fc.integer({ min: 0, max: 3 }) });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.array(operation, { maxLength: 200 }), (capacity, operations) => {
        const [kept, model] = [new LeastRecentlyUsed<string, number>(capacity, weigh), new Model(capacity, weigh)];
        for (const { deleting, key, value } of operations) {
          for (const map of [kept, model]) {
            if (deleting) map.delete(key);
            else map.set(key, value);
          }
          expect(keys.map((each) => kept.peek(each))).toEqual(keys.map((each) => model.entries.find(([held]) => held === each)?.[1]));
          expect(kept.size).toBe(model.entries.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});
