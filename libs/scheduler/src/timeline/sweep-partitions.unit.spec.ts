import { partitionLease, partitionOf, partitionsInTurn, partitionsOfLease } from './sweep-partitions';

describe('the parts of the scheduler’s sweep', () => {
  it('puts an account in the same part in every process, and spreads accounts evenly over the parts', () => {
    const ids = Array.from({ length: 8_000 }, (_, n) => `acc-${n}`);
    const sizes = new Map<number, number>();
    for (const id of ids) sizes.set(partitionOf(id, 8), (sizes.get(partitionOf(id, 8)) ?? 0) + 1);
    expect([...sizes.keys()].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // 1,000 each on average; a hash that spread them unevenly would leave some processes idle.
    for (const size of sizes.values()) expect(Math.abs(size - 1_000)).toBeLessThan(120);
    expect(partitionOf('acc-1', 8)).toBe(partitionOf('acc-1', 8));
    expect(partitionOf('\u0000\ud800', 3)).toBeLessThan(3);
  });

  it('keeps the one lease of an undivided sweep, and names each part’s', () => {
    expect(partitionLease(0, 1)).toBe('timeline-scheduler');
    expect(partitionLease(2, 4)).toBe('timeline-scheduler:2/4');
  });

  it('reads from a part’s lease how many parts its sweep is cut into', () => {
    expect([partitionLease(0, 1), partitionLease(2, 4), partitionLease(255, 256)].map(partitionsOfLease)).toEqual([1, 4, 256]);
  });

  it('takes every part once a wake', () => {
    for (let n = 0; n < 20; n++) expect([...partitionsInTurn(5)].sort()).toEqual([0, 1, 2, 3, 4]);
    expect(partitionsInTurn(1)).toEqual([0]);
  });
});
