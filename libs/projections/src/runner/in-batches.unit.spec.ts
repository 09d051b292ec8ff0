import { inBatches } from './in-batches';

async function* items(values: number[], pauseAfter?: number, pauseMs = 0) {
  for (const value of values) {
    yield value;
    if (value === pauseAfter) await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}

const collect = async <T>(source: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
};

describe('inBatches', () => {
  it('fills batches up to their size when items come back to back', async () => {
    expect(await collect(inBatches(items([1, 2, 3, 4, 5]), 2, 1000))).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('closes a batch when the wait runs out, and carries on with the item still coming', async () => {
    expect(await collect(inBatches(items([1, 2, 3, 4], 2, 200), 10, 50))).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });
});
