import { Backoff } from './backoff';

describe('Backoff', () => {
  const delays = (backoff: Backoff, n: number) => Array.from({ length: n }, () => backoff.failed(new Error('down')));

  it('doubles the delay with each failure in a row, up to its cap', () => {
    expect(delays(new Backoff({ initialMs: 100, maxMs: 1000, random: () => 1 }), 6)).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('draws each delay between half its ceiling and the ceiling', () => {
    expect(delays(new Backoff({ initialMs: 100, maxMs: 1000, random: () => 0 }), 6)).toEqual([50, 100, 200, 400, 500, 500]);
    const drawn = delays(new Backoff({ initialMs: 1000, maxMs: 1000 }), 200);
    expect(Math.min(...drawn)).toBeGreaterThanOrEqual(500);
    expect(Math.max(...drawn)).toBeLessThanOrEqual(1000);
    expect(new Set(drawn).size).toBeGreaterThan(50); // jittered: processes that failed together spread out
  });

  it('tells the first failure of a streak and its recovery, not the retries between', () => {
    const told: string[] = [];
    const backoff = new Backoff({
      initialMs: 10,
      maxMs: 100,
      onFirstFailure: (error) => told.push(`failing: ${(error as Error).message}`),
      onRecovery: (failures) => told.push(`recovered after ${failures}`),
    });
    backoff.succeeded();
    delays(backoff, 5);
    backoff.succeeded();
    backoff.succeeded();
    expect(told).toEqual(['failing: down', 'recovered after 5']);
  });

  it('starts again from the first delay after a success', () => {
    const backoff = new Backoff({ initialMs: 100, maxMs: 1000, random: () => 1 });
    delays(backoff, 4);
    backoff.succeeded();
    expect(backoff.failures).toBe(0);
    expect(delays(backoff, 2)).toEqual([100, 200]);
  });
});
