/**
 * The read store port: where projections keep read models, as documents in named collections.
 * Projections emit write operations; an adapter applies a batch of them, with the projection's
 * checkpoint, atomically and in one round trip. Field paths are dotted (`balances.overdue`), and
 * comparisons and sorts compare numbers as numbers and strings as strings on every adapter.
 */
export interface ReadDocument {
  id: string;
  [field: string]: unknown;
}

export type WriteOperation =
  /** Inserts the document, or replaces the one with its id. */
  | { kind: 'put'; collection: string; document: ReadDocument }
  /**
   * Changes fields of a document: `set` assigns values (creating parent objects), `increment` adds to
   * numbers (a missing one counts as 0). With `upsert`, a missing document is created first.
   */
  | {
      kind: 'update';
      collection: string;
      id: string;
      set?: Record<string, unknown>;
      increment?: Record<string, number>;
      upsert?: boolean;
    }
  | { kind: 'delete'; collection: string; id: string };

export type Scalar = string | number | boolean | null;

export type Condition = { field: string; op: 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte'; value: Scalar } | { field: string; op: 'in'; value: Scalar[] };

export interface Query {
  /** All must hold. */
  where?: Condition[];
  orderBy?: { field: string; direction: 'asc' | 'desc' }[];
  limit?: number;
  /**
   * Keyset paging: only documents that sort strictly after these values of the `orderBy` fields (one
   * value per field, in order). A stable cursor, unlike an offset, as documents come and go.
   */
  after?: Scalar[];
  /**
   * Fields to leave out of the documents returned, by their dotted paths (`state`, `state.payments`): what only a
   * document's writer reads (a projection's folded state, say) need not travel to every reader.
   */
  omit?: readonly string[];
  /**
   * The field of an `in` condition to answer value by value: one ordered walk per value, merged by
   * `orderBy` and cut at `limit`, with the same documents as without it. With an index that leads with the
   * field and goes on with the order, each walk stops at `limit` matches, whatever share of the collection
   * the values hold; one walk filtered by the list would pass every document of other values (or sort every
   * match). Ignored without `orderBy` and `limit`, and on the id. MongoDB plans an `$in` on such an index
   * this way by itself (when the fields between it and the order are equalities, for up to 200 values).
   */
  walkEach?: string;
}

/** An index for a query path: the fields, in order, as used by `where` and `orderBy`. */
export interface IndexSpec {
  name: string;
  fields: { field: string; direction: 'asc' | 'desc' }[];
}

/** A projection's position in the event log, stored with the writes it covers. */
export interface Checkpoint {
  name: string;
  position: bigint;
  /**
   * The fencing token of the caller's lease on `name`. When given, the write is refused with
   * LeaseLostError unless that lease is still the current one, so a stale writer cannot go on.
   */
  fence?: bigint;
  /** The version of the projection whose documents the write leaves, recorded with the position; kept when absent. */
  version?: number;
}

/**
 * The right to write one projection. The token grows each time the lease changes hands; writes
 * carry it as their fence. Expiry is reckoned by the store's clock, not the holder's.
 */
export interface Lease {
  name: string;
  owner: string;
  token: bigint;
}

/** A write fenced by a lease that has since passed to another holder. */
export class LeaseLostError extends Error {
  constructor(readonly lease: string) {
    super(`The lease on ${lease} has passed to another holder`);
    this.name = 'LeaseLostError';
  }
}

/** A collection put in place of another (see `replaceCollection`). */
export interface Swap {
  source: string;
  target: string;
}

/** How an index build may go. */
export interface IndexBuildOptions {
  /** Nothing writes the collection until the build ends. */
  unwritten?: boolean;
  /**
   * Cuts the build short when aborted (the process is stopping; a build over a million documents takes a minute). On
   * PostgreSQL a concurrent build leaves its index invalid and one in one pass (`unwritten`) leaves none, for the next
   * process to build either way; MongoDB's server finishes a build it began whatever its client does, so there the
   * signal is not read.
   */
  signal?: AbortSignal;
  /**
   * Told what becomes of an index left to another session's build and seen through later, out of the caller's sight
   * (PostgreSQL: each failed try, and the build once made after one); the store itself has no log.
   */
  warn?: (message: string) => void;
}

export interface ReadStore {
  readonly backend: string;
  /** Applies the operations in order, and the checkpoint if given: all or nothing. */
  apply(operations: WriteOperation[], checkpoint?: Checkpoint): Promise<void>;
  checkpoint(name: string): Promise<bigint | undefined>;
  /** The version recorded with the checkpoint: undefined without a checkpoint, 1 for one recorded before versions were. */
  version(name: string): Promise<number | undefined>;
  get(collection: string, id: string, options?: Pick<Query, 'omit'>): Promise<ReadDocument | undefined>;
  find(collection: string, query?: Query): Promise<ReadDocument[]>;
  /**
   * Makes the indexes missing, over the documents stored. While documents are written meanwhile (the default), the
   * build does not hold the writes off; `unwritten` says nothing writes the collection until the build ends (a
   * rebuild's shadow, filled and under its lease): it is then built in one pass, as fast as the store builds.
   */
  ensureIndexes(collection: string, indexes: IndexSpec[], options?: IndexBuildOptions): Promise<void>;
  /**
   * Takes or renews the lease for `ttlMs`: granted when free, expired or already the owner's (the
   * token then stays); `takeOver` takes it from a live holder. Undefined when someone else holds it.
   */
  acquireLease(name: string, owner: string, ttlMs: number, options?: { takeOver?: boolean }): Promise<Lease | undefined>;
  /** Frees the lease if still held by it; its token is kept so the next holder's is greater. */
  releaseLease(lease: Lease): Promise<void>;
  /**
   * Puts `source` in place of `target` (dropping the old one) and stores the checkpoint, as one
   * step for readers: they see the old collection or the new one, never a mix. The collections
   * `alongside` (a collection's parts, see the projections' stored-parts) are put in place in the same step.
   */
  replaceCollection(source: string, target: string, checkpoint: Checkpoint, alongside?: readonly Swap[]): Promise<void>;
  dropCollection(collection: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The conditions of keyset paging, as alternatives: after (a, b) in order (a asc, b desc) means
 * a > va, or a = va and b < vb.
 */
export function keysetAlternatives(orderBy: NonNullable<Query['orderBy']>, after: Scalar[]): Condition[][] {
  if (after.length !== orderBy.length) throw new Error('A keyset cursor needs one value per sort field');
  return orderBy.map(({ field, direction }, i) => [
    ...orderBy.slice(0, i).map((previous, j): Condition => ({ field: previous.field, op: 'eq', value: after[j] as Scalar })),
    { field, op: direction === 'asc' ? 'gt' : 'lt', value: after[i] as Scalar },
  ]);
}

/** Nest injection token for the configured adapter. */
export const READ_STORE = Symbol('ReadStore');

const namePattern = /^[a-z][a-z0-9_]{0,47}$/;
const fieldPattern = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** Collection and field names become table and column expressions: only plain names are allowed. */
export function assertName(collection: string): void {
  if (!namePattern.test(collection)) throw new Error(`Invalid collection name: ${collection}`);
}

export function assertField(field: string): void {
  if (!fieldPattern.test(field)) throw new Error(`Invalid field path: ${field}`);
}

/**
 * The paths `omit` leaves out, each once, and none under another it leaves out: MongoDB refuses a projection that
 * names both a field and a field within it.
 */
export function omittedPaths(omit: readonly string[] = []): string[][] {
  omit.forEach(assertField);
  const paths = [...new Set(omit)].map((field) => field.split('.'));
  return paths.filter((path) => !paths.some((other) => other.length < path.length && isWithin(path, other)));
}

/** Whether `path` is `prefix` or lies below it. */
export const isWithin = (path: readonly string[], prefix: readonly string[]): boolean =>
  prefix.length <= path.length && prefix.every((key, i) => key === path[i]);
