import { WrongExpectedVersionError } from './errors';
import type { EventStore, RecordedEvent, StreamAppend, StreamAppendOutcome } from './event-store.port';

/** Many streams' appends: in few round trips where the store can, else one by one, concurrently. */
export async function appendToStreams(store: EventStore, appends: StreamAppend[]): Promise<StreamAppendOutcome[]> {
  if (appends.length === 0) return [];
  if (store.appendMany) return store.appendMany(appends);
  return Promise.all(
    appends.map(({ streamId, events, expectedRevision }) =>
      store.append(streamId, events, { expectedRevision }).then(
        (appended) => ({ appended }),
        (error: unknown) => {
          if (error instanceof WrongExpectedVersionError) return { actual: error.actual };
          throw error;
        },
      ),
    ),
  );
}

/** Whole streams: in one read where the store can, else one by one, concurrently. */
export async function readStreams(store: EventStore, streamIds: string[]): Promise<Map<string, RecordedEvent[]>> {
  if (streamIds.length === 0) return new Map();
  if (store.readMany) return store.readMany(streamIds);
  return new Map(await Promise.all(streamIds.map(async (streamId) => [streamId, await store.readStream(streamId)] as const)));
}
