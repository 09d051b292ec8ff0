import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type Position,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { WrongExpectedVersionError } from '../errors';
import type {
  AppendOptions,
  AppendResult,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  Subscription,
} from '../event-store.port';

/**
 * Event store on EventStoreDB (production). The port maps onto it almost one to one; what needs care:
 * revisions and positions come back as bigint or (in some client versions) plain numbers, so they are
 * normalized; a missing stream is an error there and empty here; `$all` holds system events that are
 * not ours; and a log position is a (commit, prepare) pair, of which the commit part is the position
 * (for events appended outside explicit transactions the two are equal).
 */
export class EventStoreDbEventStore implements EventStore {
  readonly backend = 'eventstoredb';

  private constructor(private readonly client: EventStoreDBClient) {}

  static connect(connectionString: string): EventStoreDbEventStore {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString));
  }

  async append(streamId: string, events: NewEvent[], { expectedRevision }: AppendOptions): Promise<AppendResult> {
    if (events.length === 0) throw new Error('Nothing to append.');
    try {
      const result = await this.client.appendToStream(
        streamId,
        events.map((e) => jsonEvent({ id: e.id, type: e.type, data: e.data, metadata: e.metadata })),
        { expectedRevision: toEsdbRevision(expectedRevision) },
      );
      return {
        nextExpectedRevision: result.nextExpectedRevision,
        position: BigInt(result.position?.commit ?? 0),
      };
    } catch (error) {
      if (error instanceof EsdbWrongExpectedVersionError) {
        const actual = error.actualVersion === NO_STREAM ? 'no_stream' : error.actualVersion;
        throw new WrongExpectedVersionError(streamId, expectedRevision, actual);
      }
      throw error;
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const events: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(streamId, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: options.fromRevision ?? (backwards ? END : START),
        ...(options.maxCount === undefined ? {} : { maxCount: BigInt(options.maxCount) }),
      });
      for await (const resolved of read) {
        const event = toRecorded(resolved);
        if (event) events.push(event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  /** Reads past system events until `maxCount` of ours are found or the log ends. */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const wanted = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const events: RecordedEvent[] = [];
    let from = options.after;
    for (;;) {
      const page = 1000;
      let seen = 0;
      let last: bigint | undefined;
      const read = this.client.readAll({
        fromPosition: from === undefined ? START : esdbPosition(from),
        maxCount: BigInt(page),
      });
      for await (const resolved of read) {
        seen++;
        const event = toRecorded(resolved);
        last = resolvedPosition(resolved) ?? last;
        if (!event || (options.after !== undefined && event.position <= options.after)) continue;
        events.push(event);
        if (events.length === wanted) return events;
      }
      if (seen < page || last === undefined || last === from) return events;
      from = last;
    }
  }

  subscribeToAll(options: { after?: bigint } = {}): Subscription {
    const after = options.after;
    const subscription = this.client.subscribeToAll({
      fromPosition: after === undefined || after === 0n ? START : esdbPosition(after),
      filter: excludeSystemEvents(),
    });
    return {
      async *[Symbol.asyncIterator]() {
        // Positions of subscribeToAll are exclusive already; the guard keeps it so if a version differs.
        for await (const resolved of subscription) {
          const event = toRecorded(resolved);
          if (event && (after === undefined || event.position > after)) yield event;
        }
      },
      close: () => subscription.unsubscribe(),
    };
  }

  async headPosition(): Promise<bigint> {
    for await (const resolved of this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 100n })) {
      const event = toRecorded(resolved);
      if (event) return event.position;
    }
    return 0n;
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}

function toEsdbRevision(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'stream_exists') return STREAM_EXISTS;
  return expected;
}

const esdbPosition = (position: bigint): Position => ({ commit: position, prepare: position });

function resolvedPosition(resolved: ResolvedEvent | AllStreamResolvedEvent): bigint | undefined {
  const position = resolved.event?.position ?? (resolved as { commitPosition?: bigint }).commitPosition;
  if (position === undefined) return undefined;
  return typeof position === 'object' ? position.commit : position;
}

/** Our events only: system events (`$…` types or streams) and undecodable ones are skipped. */
function toRecorded(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event || event.type.startsWith('$') || event.streamId.startsWith('$') || !event.isJson) return undefined;
  return {
    id: event.id,
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: event.metadata as EventMetadata,
    streamId: event.streamId,
    revision: event.revision,
    position: BigInt(event.position?.commit ?? 0),
  };
}
