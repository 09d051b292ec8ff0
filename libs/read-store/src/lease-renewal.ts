import type { Lease, ReadStore } from './read-store.port';

/**
 * Runs `work` while renewing `lease` every third of its time to live; the signal `work` is given
 * aborts once a renewal finds the lease with another holder. A store that cannot be reached renews
 * nothing and aborts nothing: the fence on the holder's next write decides.
 */
export async function whileLeaseHeld<T>(readStore: ReadStore, lease: Lease, ttlMs: number, work: (lost: AbortSignal) => Promise<T>): Promise<T> {
  const lost = new AbortController();
  // One renewal at a time: a slow store's answers would otherwise pile up, and all of them be waited for below.
  let renewing: Promise<void> | undefined;
  const renewal = setInterval(() => {
    renewing ??= readStore
      .acquireLease(lease.name, lease.owner, ttlMs)
      .then(
        (renewed) => {
          if (renewed?.token !== lease.token) lost.abort();
        },
        () => undefined,
      )
      .finally(() => {
        renewing = undefined;
      });
  }, ttlMs / 3);
  try {
    return await work(lost.signal);
  } finally {
    clearInterval(renewal);
    // A renewal still on its way would take the lease back after its holder released it, for a whole time to live.
    await renewing;
  }
}

/**
 * Runs `work` if `owner` can take the lease `name`, holding it meanwhile (renewed as above) and
 * releasing it after, so that the next run may go to any process; undefined, running nothing, while
 * another owner holds it.
 */
export async function underLease<T>(
  readStore: ReadStore,
  name: string,
  owner: string,
  ttlMs: number,
  work: (lost: AbortSignal) => Promise<T>,
): Promise<T | undefined> {
  const lease = await readStore.acquireLease(name, owner, ttlMs);
  if (!lease) return undefined;
  try {
    return await whileLeaseHeld(readStore, lease, ttlMs, work);
  } finally {
    // A store that cannot be reached keeps the lease until it expires: the next run waits that long.
    await readStore.releaseLease(lease).catch(() => undefined);
  }
}
