import { randomUUID } from 'node:crypto';
import type { EventStore } from '@arrears/event-store';
import type { Lease, ReadStore } from '@arrears/read-store';
import { versionShadowOf, type Projection } from '../projection';
import type { PoisonPolicy, RebuildProgress, WorkerOptions } from '../runner/projection-worker';
import { rebuildProjection } from '../runner/rebuild';

export interface UpgradeOptions extends WorkerOptions {
  /** Told how the rebuild goes, about every 50 ms while it runs here, at each look while it runs elsewhere. */
  report: (progress: RebuildProgress) => void;
  signal: AbortSignal;
  /** How often the log hears of a rebuild's progress (10 s). */
  logEveryMs?: number;
}

/** The lease of the one process that rebuilds a projection's version; the others wait for its swap. */
export const upgradeLeaseOf = (projection: Projection) => `${projection.name}__upgrade`;

/**
 * Brings a projection to its declared version before its worker runs. When the stored documents are
 * of another version, the declared one is built from position 0 into a shadow of its own beside them
 * (blue/green) while they keep serving reads, and swapped in once it has caught up with the head
 * (see `rebuildProjection`). One process rebuilds, under the upgrade lease; the others wait for the
 * swap, or take over where it stopped if that process dies (the shadow keeps its checkpoint).
 * Resolves once the stored version is the declared one or newer; rejects if the rebuild fails or is called off.
 */
export async function upgradeProjection(
  events: EventStore,
  readStore: ReadStore,
  target: { projection: Projection; poison: PoisonPolicy },
  options: UpgradeOptions,
): Promise<void> {
  const { projection } = target;
  const ttl = options.leaseTtlMs ?? 10_000;
  const owner = options.owner ?? randomUUID();
  for (;;) {
    const stored = await readStore.version(projection.name);
    // A newer version stored is a newer release's to project: the worker waits it out (see ProjectionWorker).
    if (stored === undefined || stored >= projection.version) return;
    if (options.signal.aborted) throw new Error(`The upgrade of ${projection.name} was called off`);
    const lease = await readStore.acquireLease(upgradeLeaseOf(projection), owner, ttl);
    if (lease) return rebuildUnder(lease, events, readStore, target, { ...options, owner }, stored);
    await reportElsewhere(readStore, projection, events, options, stored);
    await new Promise((resolve) => setTimeout(resolve, ttl / 3));
  }
}

async function rebuildUnder(
  lease: Lease,
  events: EventStore,
  readStore: ReadStore,
  target: { projection: Projection; poison: PoisonPolicy },
  options: UpgradeOptions,
  from: number,
): Promise<void> {
  const { projection } = target;
  const ttl = options.leaseTtlMs ?? 10_000;
  const lost = new AbortController();
  const calledOff = () => {
    lost.abort();
  };
  options.signal.addEventListener('abort', calledOff, { once: true });
  const renewal = setInterval(() => {
    readStore.acquireLease(lease.name, lease.owner, ttl).then(
      (renewed) => {
        if (renewed?.token !== lease.token) lost.abort();
      },
      () => undefined, // the store is down: the rebuild's own writes wait it out
    );
  }, ttl / 3);
  try {
    // The process that held the lease before may have swapped in the version just before letting it go.
    if ((await readStore.version(projection.name)) === projection.version) return;
    const meter = progressMeter(projection, from, options);
    // Told before the shadow's worker starts, so the status says `rebuilding` from the first write on.
    meter((await readStore.checkpoint(versionShadowOf(projection).name)) ?? 0n, await events.headPosition());
    log(options, projection, `version ${from} stored, ${projection.version} declared: rebuilding it beside the old one, which serves meanwhile`);
    const { position } = await rebuildProjection(events, readStore, target, {
      ...options,
      shadow: { projection: versionShadowOf(projection), resume: true },
      signal: lost.signal,
      progress: meter,
    });
    log(options, projection, `version ${projection.version} caught up at position ${position} and now serves; version ${from} dropped`);
  } finally {
    clearInterval(renewal);
    options.signal.removeEventListener('abort', calledOff);
    await readStore.releaseLease(lease).catch(() => undefined);
  }
}

/** Turns the rebuild's position reports into progress, with its speed, for the status and now and then for the log. */
function progressMeter(projection: Projection, from: number, options: UpgradeOptions): (position: bigint, head: bigint) => void {
  const logEveryMs = options.logEveryMs ?? 10_000;
  let sample = { at: Date.now(), position: -1n };
  let eventsPerSecond = 0;
  let logged = 0;
  return (position, head) => {
    const now = Date.now();
    if (sample.position < 0n) sample = { at: now, position };
    else if (now - sample.at >= 1000) {
      eventsPerSecond = Math.round((Number(position - sample.position) * 1000) / (now - sample.at));
      sample = { at: now, position };
    }
    options.report({ from, to: projection.version, by: 'this process', position, head, eventsPerSecond });
    if (now - logged < logEveryMs) return;
    logged = now;
    log(options, projection, `rebuilding version ${projection.version}: position ${position} of ${head}, ${eventsPerSecond} events/s`);
  };
}

async function reportElsewhere(readStore: ReadStore, projection: Projection, events: EventStore, options: UpgradeOptions, from: number): Promise<void> {
  const [position, head] = await Promise.all([readStore.checkpoint(versionShadowOf(projection).name), events.headPosition()]);
  options.report({ from, to: projection.version, by: 'elsewhere', position: position ?? 0n, head, eventsPerSecond: 0 });
}

const log = (options: UpgradeOptions, projection: Projection, message: string) => options.log?.(`Projection ${projection.name}: ${message}`);
