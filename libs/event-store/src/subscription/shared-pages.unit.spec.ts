import type { RecordedEvent } from '../event-store.port';
import { SharedPages } from './shared-pages';

const event = (position: number): RecordedEvent => ({
  id: `e-${position}`,
  type: 'Happened',
  data: { nested: { position } },
  metadata: { correlationId: 'c', causationId: 'c', actor: { id: 'a', role: 'system' }, occurredAt: 't', recordedAt: 't', schemaVersion: 1, creditorId: 'cr' },
  streamId: 's',
  revision: BigInt(position - 1),
  position: BigInt(position),
});

/** A log of `length` events whose reads are counted. */
function log(length: number) {
  const reads: bigint[] = [];
  const readAfter = (after: bigint, maxCount: number) => {
    reads.push(after);
    return Promise.resolve(Array.from({ length: Math.max(0, Math.min(maxCount, length - Number(after))) }, (_, i) => event(Number(after) + i + 1)));
  };
  return { reads, grow: (more: number) => (length += more), readAfter };
}

describe('shared pages of the log', () => {
  it('reads a full page once for every subscription that asks for it', async () => {
    const source = log(10);
    const pages = new SharedPages(source.readAfter);
    const first = await pages.read(0n, 5);
    const second = await pages.read(0n, 5);
    expect(second).toBe(first);
    expect(second.map((e) => e.position)).toEqual([1n, 2n, 3n, 4n, 5n]);
    expect(source.reads).toEqual([0n]);
  });

  it('never keeps a partial page: the live tail is read again and sees what was appended since', async () => {
    const source = log(3);
    const pages = new SharedPages(source.readAfter);
    expect(await pages.read(0n, 5)).toHaveLength(3);
    source.grow(4);
    expect(await pages.read(0n, 5)).toHaveLength(5);
    expect(source.reads).toEqual([0n, 0n]);
  });

  it('lets readers asking at once share one read when the page is full', async () => {
    const source = log(10);
    const pages = new SharedPages(source.readAfter);
    const [a, b] = await Promise.all([pages.read(5n, 5), pages.read(5n, 5)]);
    expect(b).toBe(a);
    expect(source.reads).toEqual([5n]);
  });

  it('keeps a bounded number of pages, forgetting the oldest first', async () => {
    const source = log(100);
    const pages = new SharedPages(source.readAfter, 2);
    for (const after of [0n, 10n, 20n]) await pages.read(after, 10);
    await pages.read(20n, 10);
    await pages.read(0n, 10);
    expect(source.reads).toEqual([0n, 10n, 20n, 0n]);
  });

  it('hands out frozen events, since every reader shares them', async () => {
    const pages = new SharedPages(log(5).readAfter);
    const [first] = await pages.read(0n, 5);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first?.data.nested)).toBe(true);
  });

  it('forgets a failed read, so the next reader tries again', async () => {
    let fail = true;
    const pages = new SharedPages(async (after, maxCount) => {
      if (fail) throw new Error('connection lost');
      return log(10).readAfter(after, maxCount);
    });
    await expect(pages.read(0n, 5)).rejects.toThrow('connection lost');
    fail = false;
    expect(await pages.read(0n, 5)).toHaveLength(5);
  });
});
