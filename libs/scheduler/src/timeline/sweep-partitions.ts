import { createHash, randomInt } from 'node:crypto';
import type { ReadDocument, ReadStore } from '@arrears/read-store';

/** Where each partition's last sweep is noted: by whom, and when it ended. */
export const SCHEDULER_SWEEPS = 'scheduler_sweeps';

/** The whole sweep's lease, as it has always been named. */
export const sweepLease = 'timeline-scheduler';

interface SweepNote extends ReadDocument {
  owner: string;
  endedAt: string;
}

/** The part of the accounts an account falls in: its id hashed, the same in every process. */
export const partitionOf = (accountId: string, partitions: number): number => createHash('sha256').update(accountId).digest().readUInt32BE(0) % partitions;

/** The lease of one part of the sweep: the whole sweep's when it has one part. */
export const partitionLease = (partition: number, partitions: number): string => (partitions === 1 ? sweepLease : `${sweepLease}:${partition}/${partitions}`);

/** Every part once, from a random one on: processes waking together start on different parts. */
export function partitionsInTurn(partitions: number): number[] {
  const first = randomInt(partitions);
  return Array.from({ length: partitions }, (_, n) => (first + n) % partitions);
}

/**
 * Whether another process swept the part within the last interval: it is left to that process, which
 * wakes for it again, instead of being swept twice while its commands are still being projected.
 */
export async function sweptElsewhere(readStore: ReadStore, lease: string, owner: string, since: string): Promise<boolean> {
  const note = (await readStore.get(SCHEDULER_SWEEPS, lease)) as SweepNote | undefined;
  return note !== undefined && note.owner !== owner && note.endedAt > since;
}

/** How many parts the sweep that lease `lease` belongs to is cut into: its `/P`, or 1 for the whole sweep's. */
export const partitionsOfLease = (lease: string): number => Number(/\/(\d+)$/.exec(lease)?.[1] ?? 1);

/**
 * The part counts, other than `partitions`, that processes have swept by since `since`. Every process must cut the
 * accounts alike (SCHEDULER_PARTITIONS): processes that cut them otherwise sweep the same accounts under different
 * leases, which takes no step twice (the deciders refuse it) but costs conflicts and refusals where the work should
 * be shared.
 */
export async function otherPartitionings(readStore: ReadStore, partitions: number, since: string): Promise<number[]> {
  const notes = (await readStore.find(SCHEDULER_SWEEPS, { where: [{ field: 'endedAt', op: 'gt', value: since }] })) as SweepNote[];
  const others = new Set(notes.map(({ id }) => partitionsOfLease(id)).filter((counted) => counted !== partitions));
  return [...others].sort((a, b) => a - b);
}

export const noteSwept = (readStore: ReadStore, lease: string, owner: string, endedAt: string): Promise<void> =>
  readStore.apply([{ kind: 'put', collection: SCHEDULER_SWEEPS, document: { id: lease, owner, endedAt } satisfies SweepNote }]);
