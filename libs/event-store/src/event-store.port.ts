/**
 * The event store port (docs/architecture.md, "The event store"). Revisions are 0-based per stream;
 * positions order the whole log and are always > 0, so `0n` means "before everything". Both are bigint
 * end to end.
 */

export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

/** Who did it, why, and when; carried by every event. */
export interface EventMetadata {
  correlationId: string;
  causationId: string;
  actor: { id: string; role: string };
  /** Business time of the fact, from the injected clock. */
  occurredAt: string;
  /** The fact's business date where the fact gives one (an invoice's issue date, a payment's receipt date); see businessDatesOf. */
  occurredOn?: string;
  /** When the system recorded it, from the injected clock. */
  recordedAt: string;
  schemaVersion: number;
  /** The tenant. */
  creditorId: string;
  /** The hash chain (see hash-chain.ts): the stream's previous event's hash, and this event's. */
  previousHash?: string;
  hash?: string;
  [extra: string]: unknown;
}

export interface NewEvent {
  /** Made by the client (a UUID): appending the same ids again is a no-op, not a duplicate. */
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
}

export interface RecordedEvent extends NewEvent {
  streamId: string;
  revision: bigint;
  position: bigint;
}

export interface AppendOptions {
  expectedRevision: ExpectedRevision;
}

export interface AppendResult {
  /** The revision of the last event now in the stream; pass it as the next expected revision. */
  nextExpectedRevision: bigint;
  /** The position of the last event appended. */
  position: bigint;
}

/** One stream's part of a many-stream append. */
export interface StreamAppend {
  streamId: string;
  events: NewEvent[];
  expectedRevision: ExpectedRevision;
}

/** How one stream's part ended: appended, or the stream was at another revision (`actual`) and nothing was written. */
export type StreamAppendOutcome = { appended: AppendResult } | { actual: bigint | 'no_stream' };

export interface ReadStreamOptions {
  /** Inclusive; defaults to the first (forwards) or last (backwards) event. */
  fromRevision?: bigint;
  direction?: 'forwards' | 'backwards';
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: only events with a position greater than this. */
  after?: bigint;
  maxCount?: number;
}

/**
 * Every event after `after`, in position order: what is stored first (catch-up), then new events as
 * they are committed (live). Never skips an event; closing ends the iteration.
 */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

export interface EventStore {
  /** Which adapter this is, for /health. */
  readonly backend: string;
  /**
   * Appends atomically, or not at all. Throws WrongExpectedVersionError when the stream is not at the
   * expected revision, unless the same event ids were already appended at that revision (a retry),
   * in which case it returns the original result.
   */
  append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;
  /**
   * Appends to many streams in few round trips (a bulk load's): each append is atomic and checked
   * against its own expected revision and answers alone, in order. Optional: `appendToStreams`
   * appends one by one without it.
   */
  appendMany?(appends: StreamAppend[]): Promise<StreamAppendOutcome[]>;
  /** A missing stream reads as empty. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Whole streams at once, each in revision order, a missing one empty. Optional: see `readStreams`. */
  readMany?(streamIds: string[]): Promise<Map<string, RecordedEvent[]>>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options?: { after?: bigint }): Subscription;
  /**
   * The position of the last committed event (0n when empty). A reader of the whole log reaches it
   * once every earlier append has ended, so "caught up with the head" never means "missed an event".
   */
  headPosition(): Promise<bigint>;
  close(): Promise<void>;
}

/** Nest injection token for the configured adapter. */
export const EVENT_STORE = Symbol('EventStore');
/** The event store as stored, personal data sealed: for whoever checks what is stored (the hash chain). */
export const STORED_EVENT_STORE = Symbol('StoredEventStore');
