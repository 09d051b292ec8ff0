import type { ExpectedRevision } from './event-store.port';

/** The stream was not at the revision the writer expected: someone else wrote first. Nothing was written. */
export class WrongExpectedVersionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's actual revision, or 'no_stream'. */
    readonly actual: bigint | 'no_stream',
  ) {
    super(`Stream ${streamId} is at revision ${String(actual)}, not at ${String(expected)}.`);
    this.name = 'WrongExpectedVersionError';
  }
}

/** An event id already stored in another stream: event ids are unique across the log. */
export class DuplicateEventIdError extends Error {
  constructor(readonly streamId: string) {
    super(`An event appended to ${streamId} reuses an event id already stored elsewhere.`);
    this.name = 'DuplicateEventIdError';
  }
}

/** Whether a stream at `actual` satisfies `expected`. */
export function revisionMatches(expected: ExpectedRevision, actual: bigint | 'no_stream'): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return actual === 'no_stream';
  if (expected === 'stream_exists') return actual !== 'no_stream';
  return actual === expected;
}
