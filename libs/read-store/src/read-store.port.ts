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

export type Condition =
  | { field: string; op: 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte'; value: Scalar }
  | { field: string; op: 'in'; value: Scalar[] };

export interface Query {
  /** All must hold. */
  where?: Condition[];
  orderBy?: { field: string; direction: 'asc' | 'desc' }[];
  limit?: number;
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
}

export interface ReadStore {
  readonly backend: string;
  /** Applies the operations in order, and the checkpoint if given: all or nothing. */
  apply(operations: WriteOperation[], checkpoint?: Checkpoint): Promise<void>;
  checkpoint(name: string): Promise<bigint | undefined>;
  get(collection: string, id: string): Promise<ReadDocument | undefined>;
  find(collection: string, query?: Query): Promise<ReadDocument[]>;
  ensureIndexes(collection: string, indexes: IndexSpec[]): Promise<void>;
  close(): Promise<void>;
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
