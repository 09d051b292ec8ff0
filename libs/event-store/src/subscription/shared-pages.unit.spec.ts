import type { RecordedEvent } from '../event-store.port';
import { setTimeout as sleep } from 'node:timers/promises';
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
    const first = await pages.reader().read(0n, 5);
    const second = await pages.reader().read(0n, 5);
    expect(second).toBe(first);
    expect(second.map((e) => e.position)).toEqual([1n, 2n, 3n, 4n, 5n]);
    expect(source.reads).toEqual([0n]);
  });

  it('never keeps a partial page: the live tail is read again and sees what was appended since', async () => {
    const source = log(3);
    const reader = new SharedPages(source.readAfter).reader();
    expect(await reader.read(0n, 5)).toHaveLength(3);
    source.grow(4);
    expect(await reader.read(0n, 5)).toHaveLength(5);
    expect(source.reads).toEqual([0n, 0n]);
  });

  it('lets readers asking at once share one read when the page is full', async () => {
    const source = log(10);
    const pages = new SharedPages(source.readAfter);
    const [a, b] = await Promise.all([pages.reader().read(5n, 5), pages.reader().read(5n, 5)]);
    expect(b).toBe(a);
    expect(source.reads).toEqual([5n]);
  });

  it('keeps a bounded number of pages, forgetting the oldest first', async () => {
    const source = log(100);
    const reader = new SharedPages(source.readAfter, { kept: 2 }).reader();
    for (const after of [0n, 10n, 20n]) await reader.read(after, 10);
    await reader.read(20n, 10);
    await reader.read(0n, 10);
    expect(source.reads).toEqual([0n, 10n, 20n, 0n]);
  });

  it('hands out frozen events, since every reader shares them', async () => {
    const [first] = await new SharedPages(log(5).readAfter).reader().read(0n, 5);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first?.data.nested)).toBe(true);
  });

  it('forgets a failed read, so the next reader tries again', async () => {
    let fail = true;
    const reader = new SharedPages(async (after, maxCount) => {
      if (fail) throw new Error('connection lost');
      return log(10).readAfter(after, maxCount);
    }).reader();
    await expect(reader.read(0n, 5)).rejects.toThrow('connection lost');
    fail = false;
    expect(await reader.read(0n, 5)).toHaveLength(5);
  });

  describe('readers catching up together', () => {
    // Pages of 5 events, 4 kept: a reader waits for one more than 10 positions behind it at a page it read.
    const options = { kept: 4 };
    const pending = async (read: Promise<unknown>) => (await Promise.race([read.then(() => 'read'), sleep(30).then(() => 'pending')])) === 'pending';

    /** Reads pages of 5 from `from` up to `to` (exclusive). */
    const readOn = async (reader: { read: (after: bigint, maxCount: number) => Promise<RecordedEvent[]> }, from: number, to: number) => {
      for (let after = from; after < to; after += 5) await reader.read(BigInt(after), 5);
    };
    const everyPage = (to: number) => Array.from({ length: to / 5 }, (_, i) => BigInt(i * 5));

    it('holds the one ahead until the one behind comes within half the kept pages, so each page is read once', async () => {
      const source = log(50);
      const pages = new SharedPages(source.readAfter, options);
      const [ahead, behind] = [pages.reader(), pages.reader()];
      await behind.read(0n, 5);
      const aheadDone = readOn(ahead, 0, 50);
      expect(await pending(aheadDone)).toBe(true);
      await readOn(behind, 5, 50);
      await aheadDone;
      expect(source.reads).toEqual(everyPage(50));
    });

    it('does not wait for a reader at none of the pages it read lately: a rebuild from the start, or one resumed elsewhere', async () => {
      const pages = new SharedPages(log(200).readAfter, options);
      const [ahead, rebuild, resumed] = [pages.reader(), pages.reader(), pages.reader()];
      await Promise.all([rebuild.read(0n, 5), resumed.read(93n, 5)]);
      await readOn(ahead, 95, 115);
      expect(await pending(ahead.read(115n, 5))).toBe(false);
    });

    /** Two readers, the one behind at the first page and the one ahead held at its fourth. */
    const heldAhead = async (pages: SharedPages) => {
      const [ahead, behind] = [pages.reader(), pages.reader()];
      await behind.read(0n, 5);
      await readOn(ahead, 0, 15);
      const next = ahead.read(15n, 5);
      expect(await pending(next)).toBe(true);
      return { ahead, behind, next };
    };

    it('goes on without a reader that stopped asking for pages', async () => {
      const { next } = await heldAhead(new SharedPages(log(100).readAfter, { ...options, staleMs: 1_000 }));
      expect(await next).toHaveLength(5);
    });

    it('goes on at once without a reader that closed', async () => {
      const { behind, next } = await heldAhead(new SharedPages(log(100).readAfter, options));
      behind.close();
      expect(await pending(next)).toBe(false);
    });

    it('never holds a reader whose last page was partial: it follows the live tail', async () => {
      const source = log(12);
      const pages = new SharedPages(source.readAfter, { kept: 2 });
      const [live, behind] = [pages.reader(), pages.reader()];
      await Promise.all([live.read(0n, 5), behind.read(0n, 5)]);
      await live.read(5n, 5);
      await behind.read(5n, 5);
      expect(await live.read(10n, 5)).toHaveLength(2);
      source.grow(10);
      expect(await pending(live.read(12n, 5))).toBe(false);
    });

    it('lets a reader closed while it waits end its wait, without reading', async () => {
      const source = log(100);
      const { ahead, next } = await heldAhead(new SharedPages(source.readAfter, options));
      ahead.close();
      expect(await next).toEqual([]);
      expect(source.reads).not.toContain(15n);
    });
  });
});
