import { setImmediate as turn, setTimeout as sleep } from 'node:timers/promises';
import { CheckpointWatch } from './checkpoint-watch';

/** Stored checkpoints that the test moves, counting how often they are read. */
function storedCheckpoints(initial: Record<string, bigint>) {
  const positions = new Map(Object.entries(initial));
  const reads: string[] = [];
  return {
    reads,
    move: (name: string, position: bigint) => positions.set(name, position),
    checkpointOf: (name: string) => {
      reads.push(name);
      return Promise.resolve(positions.get(name));
    },
  };
}

const pollMs = 5;

describe('checkpoint watch', () => {
  it('answers at once when the projections have reached the position, reading each checkpoint once', async () => {
    const stored = storedCheckpoints({ account: 12n, worklist: 12n });
    const watch = new CheckpointWatch(stored.checkpointOf, pollMs);

    expect(await watch.reached(12n, ['account', 'worklist'], 0)).toBe(true);
    expect(stored.reads).toEqual(['account', 'worklist']);
  });

  it('looks once and answers false with no time to wait, a projection with no checkpoint counting as at 0', async () => {
    const stored = storedCheckpoints({ account: 12n });
    const watch = new CheckpointWatch(stored.checkpointOf, pollMs);

    expect(await watch.reached(13n, ['account'], 0)).toBe(false);
    expect(await watch.reached(1n, ['kpis'], 0)).toBe(false);
    expect(stored.reads).toEqual(['account', 'kpis']);
  });

  it('answers a look from a read begun after it asked, never from one already under way', async () => {
    const stored = storedCheckpoints({ account: 5n });
    // The first read is slow: it answers what the checkpoint was when it began.
    let release: (position: bigint) => void = () => undefined;
    const slow = new Promise<bigint>((resolve) => (release = resolve));
    let asked = 0;
    const watch = new CheckpointWatch((name) => (asked++ === 0 ? slow : stored.checkpointOf(name)), pollMs);

    const first = watch.reached(10n, ['account'], 0);
    await turn();
    stored.move('account', 10n);
    const second = watch.reached(10n, ['account'], 0);
    await turn();
    release(5n);

    expect(await first).toBe(false);
    expect(await second).toBe(true);
  });

  it('wakes every waiting request once the projection gets there, reading the checkpoint once per tick for all of them', async () => {
    const stored = storedCheckpoints({ account: 5n });
    const watch = new CheckpointWatch(stored.checkpointOf, pollMs);

    const waiting = Array.from({ length: 200 }, () => watch.reached(10n, ['account'], 5_000));
    // Until a second tick has read, however slowly a busy machine turns them: a fixed sleep could hold only one.
    for (let waited = 0; stored.reads.length < 2 && waited < 4_000; waited += pollMs) await sleep(pollMs);
    const readsWhileBehind = stored.reads.length;
    stored.move('account', 10n);

    expect(await Promise.all(waiting)).toEqual(Array<boolean>(200).fill(true));
    // One read a tick for all of them, not one per waiting request.
    expect(readsWhileBehind).toBeGreaterThan(1);
    expect(readsWhileBehind).toBeLessThan(20);
  });

  it('gives up at the deadline when the projection does not get there', async () => {
    const watch = new CheckpointWatch(storedCheckpoints({ account: 5n }).checkpointOf, pollMs);
    const started = Date.now();

    expect(await watch.reached(10n, ['account'], 40)).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(40 - pollMs);
  });

  it('fails the waiters sharing a read that fails, and reads again for the next', async () => {
    const stored = storedCheckpoints({ account: 10n });
    let failing = true;
    const watch = new CheckpointWatch((name) => (failing ? Promise.reject(new Error('connection terminated')) : stored.checkpointOf(name)), pollMs);

    const failed = await Promise.allSettled([watch.reached(10n, ['account'], 1_000), watch.reached(10n, ['account'], 1_000)]);
    failing = false;

    expect(failed.map(({ status }) => status)).toEqual(['rejected', 'rejected']);
    expect(await watch.reached(10n, ['account'], 0)).toBe(true);
  });
});
