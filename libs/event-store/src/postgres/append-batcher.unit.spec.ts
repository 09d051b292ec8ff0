import { AppendBatcher, type QueuedAppend } from './append-batcher';

describe('AppendBatcher', () => {
  it('sends an append at once when idle, and gathers those arriving meanwhile into the next batch', async () => {
    const batches: number[][] = [];
    let release: () => void = () => undefined;
    const send = async (batch: QueuedAppend<number, number>[]) => {
      batches.push(batch.map((q) => q.request));
      if (batches.length === 1) await new Promise<void>((r) => (release = r));
      for (const q of batch) q.resolve(q.request * 10);
    };
    const batcher = new AppendBatcher(send, 1, 100);
    const first = batcher.submit(1);
    const rest = [batcher.submit(2), batcher.submit(3), batcher.submit(4)];
    expect(batches).toEqual([[1]]);
    release();
    expect(await Promise.all([first, ...rest])).toEqual([10, 20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('caps a batch, and fails only the appends of a batch that failed', async () => {
    const send = (batch: QueuedAppend<number, number>[]) => {
      if (batch.some((q) => q.request === 2)) return Promise.reject(new Error('batch lost'));
      for (const q of batch) q.resolve(q.request);
      return Promise.resolve();
    };
    const batcher = new AppendBatcher(send, 1, 2);
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map((n) => batcher.submit(n)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled', 'fulfilled']);
  });
});
