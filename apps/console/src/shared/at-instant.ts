/** setTimeout's longest wait (about 24.8 days): a longer one would fire at once. */
const longestWaitMs = 2 ** 31 - 1;

/**
 * Calls `run` once the clock reaches `at` (ms since the epoch), and returns what cancels it. Beyond
 * setTimeout's reach it does nothing: each caller has another way to notice (a 401, a periodic check).
 */
export function atInstant(at: number, run: () => void): () => void {
  const left = at - Date.now();
  if (left > longestWaitMs) return () => undefined;
  const timer = setTimeout(run, Math.max(0, left));
  return () => {
    clearTimeout(timer);
  };
}
