/**
 * Microseconds per call of `run`, timed in a loop after a warm-up (JIT, caches): for the figures that
 * are pure CPU, with no database. `run` gets the call's number, so that each call can differ (a new id).
 */
export async function microsecondsPer(run: (n: number) => unknown, warmUpMs = 200, measuredMs = 500): Promise<number> {
  let n = 0;
  const loop = async (ms: number) => {
    const started = process.hrtime.bigint();
    const until = started + BigInt(ms * 1e6);
    let calls = 0;
    while (process.hrtime.bigint() < until) {
      for (let i = 0; i < 10; i++, calls++) {
        const result = run(n++);
        // Only asynchronous steps are awaited: a microtask per call would weigh on the quick ones.
        if (result instanceof Promise) await result;
      }
    }
    return Number(process.hrtime.bigint() - started) / 1e3 / calls;
  };
  await loop(warmUpMs);
  return Math.round((await loop(measuredMs)) * 10) / 10;
}
