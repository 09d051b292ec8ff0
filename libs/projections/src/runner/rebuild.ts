import { randomUUID } from 'node:crypto';
import type { EventStore } from '@arrears/event-store';
import { underLease, type ReadStore } from '@arrears/read-store';
import { collectionsOf, shadowOf, withoutIndexes, type Projection } from '../projection';
import { ProjectionWorker, type PoisonPolicy, type WorkerOptions } from './projection-worker';

export interface RebuildOptions extends WorkerOptions {
  progress?: (position: bigint, head: bigint) => void;
  /** The shadow to build into (default: the manual rebuild's); a resumed rebuild goes on where the last one into it stopped. */
  shadow?: { projection: Projection; resume: boolean };
  /** Ends the rebuild (rejecting) without swapping, as when the process stops. */
  signal?: AbortSignal;
}

/**
 * Rebuilds a projection from position 0 without downtime: it is built into shadow collections
 * beside the live ones (their indexes built once they are full), catches up, then takes the live
 * projection's lease (fencing off the running instance), catches up the last events and replaces each
 * live collection in one step, recording the projection's declared version with the last. Readers see
 * the old model until then, the new one after, never a half-built one; the running instance then takes
 * its lease back and goes on from the rebuilt checkpoint.
 *
 * Derived collections are replaced first, under the live checkpoint, and the projection's own last,
 * with the rebuilt one: stopped in between, the live projection goes on from its own checkpoint,
 * leaving alone the replaced documents that have already seen an event (their position).
 */
export async function rebuildProjection(
  events: EventStore,
  readStore: ReadStore,
  target: { projection: Projection; poison: PoisonPolicy },
  options: RebuildOptions,
): Promise<{ position: bigint }> {
  const { projection } = target;
  const { projection: shadow, resume } = options.shadow ?? { projection: shadowOf(projection), resume: false };
  const pairs = collectionsOf(shadow).map(([collection], i) => [collection, collectionsOf(projection)[i]?.[0] as string] as const);
  // A shadow at 0 starts afresh: nothing was built, or its swap was interrupted and some collections moved already.
  if (!resume || !(await readStore.checkpoint(shadow.name))) {
    for (const [collection] of pairs) await readStore.dropCollection(collection);
    await readStore.apply([], { name: shadow.name, position: 0n });
  }
  await filledWithoutIndexes(events, readStore, shadow, target.poison, options);
  await indexesBuilt(readStore, shadow, options);
  const worker = new ProjectionWorker(events, readStore, shadow, target.poison, options, () => undefined);
  worker.start();
  try {
    await caughtUp(worker, events, options);
    const ttl = options.leaseTtlMs ?? 10_000;
    const lease = await readStore.acquireLease(projection.name, `rebuild-${randomUUID()}`, ttl, { takeOver: true });
    if (!lease) throw new Error(`Could not take the lease on ${projection.name}`);
    try {
      await caughtUp(worker, events, options);
      await worker.stop();
      const position = worker.status.position;
      await readStore.apply([], { name: shadow.name, position: 0n });
      const live = (await readStore.checkpoint(projection.name)) ?? 0n;
      const [own, ...derived] = pairs;
      for (const [source, target] of derived) await readStore.replaceCollection(source, target, { name: projection.name, position: live, fence: lease.token });
      if (own) await readStore.replaceCollection(own[0], own[1], { name: projection.name, position, fence: lease.token, version: projection.version });
      return { position };
    } finally {
      await readStore.releaseLease(lease);
    }
  } finally {
    await worker.stop();
  }
}

/**
 * Fills the shadow up to the head as it stands now, without its indexes: nobody reads the shadow before the swap,
 * and one sorted build an index once it is full costs the database a fraction of keeping it row by row (about a
 * quarter of PostgreSQL's CPU an event in a rebuild of every model from 100,000 accounts on). The worker stops
 * before the build: a write waiting on a build's lock would outlast the read store's query timeout (the worklist's
 * indexes take about a minute on a million accounts), and its events would be parked.
 */
async function filledWithoutIndexes(
  events: EventStore,
  readStore: ReadStore,
  shadow: Projection,
  poison: PoisonPolicy,
  options: RebuildOptions,
): Promise<void> {
  const worker = new ProjectionWorker(events, readStore, withoutIndexes(shadow), poison, options, () => undefined);
  worker.start();
  try {
    await caughtUp(worker, events, options);
  } finally {
    await worker.stop();
  }
}

/**
 * Builds the shadow's indexes under its lease, so that no worker (of another process taking the rebuild over) writes
 * it meanwhile. The next worker's own `ensureIndexes` then finds them made.
 */
async function indexesBuilt(readStore: ReadStore, shadow: Projection, options: RebuildOptions): Promise<void> {
  const built = await underLease(readStore, shadow.name, `rebuild-${randomUUID()}`, options.leaseTtlMs ?? 10_000, async (lost) => {
    // Called off or its lease lost, the rebuild cuts a build under way short rather than wait out its minute.
    const signal = options.signal ? AbortSignal.any([options.signal, lost]) : lost;
    const log = (message: string) => options.log?.(`Rebuild of ${shadow.name}: ${message}`);
    for (const [collection, indexes] of collectionsOf(shadow)) {
      if (signal.aborted) throw calledOff(shadow);
      log(`building the indexes of ${collection}`);
      // Nothing writes the shadow until its worker starts: one pass over it, not a concurrent build's two.
      await readStore.ensureIndexes(collection, indexes, { unwritten: true, signal, warn: log }).catch((error: unknown) => {
        throw signal.aborted ? calledOff(shadow) : error;
      });
    }
    return true;
  });
  if (!built) throw new Error(`Could not take the lease on ${shadow.name} to build its indexes`);
}

/** Resolves once the worker has reached the head as it stands now; fails if the worker stops or the rebuild is called off. */
async function caughtUp(worker: ProjectionWorker, events: EventStore, options: RebuildOptions): Promise<void> {
  const head = await events.headPosition();
  while (worker.status.position < head) {
    if (options.signal?.aborted) throw calledOff(worker.projection);
    if (worker.status.state === 'stopped') throw new Error(worker.status.error ?? `${worker.projection.name} stopped`);
    // Until it holds its lease, a worker has not read its checkpoint: its position says 0.
    if (worker.status.state === 'running') options.progress?.(worker.status.position, head);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  options.progress?.(worker.status.position, head);
}

const calledOff = (projection: Projection) => new Error(`The rebuild of ${projection.name} was called off`);
