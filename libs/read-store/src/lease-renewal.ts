import type { Lease, ReadStore } from './read-store.port';

/**
 * Runs `work` while renewing `lease` every third of its time to live; the signal `work` is given
 * aborts once a renewal finds the lease with another holder. A store that cannot be reached renews
 * nothing and aborts nothing: the fence on the holder's next write decides.
 */
export async function whileLeaseHeld<T>(readStore: ReadStore, lease: Lease, ttlMs: number, work: (lost: AbortSignal) => Promise<T>): Promise<T> {
  const lost = new AbortController();
  const renewal = setInterval(() => {
    readStore.acquireLease(lease.name, lease.owner, ttlMs).then(
      (renewed) => {
        if (renewed?.token !== lease.token) lost.abort();
      },
      () => undefined,
    );
  }, ttlMs / 3);
  try {
    return await work(lost.signal);
  } finally {
    clearInterval(renewal);
  }
}
