import { FixedWindowStorage } from './fixed-window.storage';

describe('fixed-window rate counts', () => {
  let now: number;
  let storage: FixedWindowStorage;
  const hit = (key = 'token:a') => storage.increment(key, 1000, 3, 1000, 'default');
  beforeEach(() => {
    now = 1_000_000;
    storage = new FixedWindowStorage(() => now);
  });

  it('lets the limit through in a window, refuses the next with the seconds until the window ends', async () => {
    for (const expected of [1, 2, 3]) expect(await hit()).toEqual({ totalHits: expected, timeToExpire: 1, isBlocked: false, timeToBlockExpire: 0 });
    now += 400;
    expect(await hit()).toEqual({ totalHits: 4, timeToExpire: 1, isBlocked: true, timeToBlockExpire: 1 });
  });

  it('starts a new count when the window ends, and counts each key apart', async () => {
    for (let i = 0; i < 4; i++) await hit();
    expect((await hit('token:b')).totalHits).toBe(1);
    now += 1000;
    expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('forgets the windows that ended', async () => {
    await hit('token:a');
    await hit('token:b');
    now += 10_000;
    await hit('token:c');
    expect(storage.size).toBe(1);
  });
});
