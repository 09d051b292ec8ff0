import { DuplicateEventIdError, WrongExpectedVersionError, revisionMatches } from '../errors';
import type { AppendOptions, AppendResult, EventStore, NewEvent, ReadAllOptions, ReadStreamOptions, RecordedEvent, Subscription } from '../event-store.port';
import { ChangeSignal, PollingSubscription } from '../subscription/polling-subscription';

/**
 * The whole log in an array: for fast unit tests only, never a default. Appends are atomic because
 * they run synchronously; the semantics otherwise match the PostgreSQL and EventStoreDB adapters.
 */
export class InMemoryEventStore implements EventStore {
  readonly backend = 'in-memory';
  private readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly byId = new Map<string, RecordedEvent>();
  private readonly changed = new ChangeSignal();

  // eslint-disable-next-line @typescript-eslint/require-await -- async so that a refused append rejects, as a real store's does, rather than throwing at the call
  async append(streamId: string, events: NewEvent[], { expectedRevision }: AppendOptions): Promise<AppendResult> {
    if (events.length === 0) throw new Error('Nothing to append.');
    const stream = this.streams.get(streamId) ?? [];
    const actual = stream.length === 0 ? 'no_stream' : BigInt(stream.length - 1);
    const retried = this.retriedAppend(streamId, stream, events, expectedRevision);
    if (retried) return retried;
    if (!revisionMatches(expectedRevision, actual)) throw new WrongExpectedVersionError(streamId, expectedRevision, actual);
    if (events.some((event) => this.byId.has(event.id))) throw new DuplicateEventIdError(streamId);
    for (const event of events) {
      const recorded: RecordedEvent = {
        ...structuredClone(event),
        streamId,
        revision: BigInt(stream.length),
        position: BigInt(this.log.length + 1),
      };
      stream.push(recorded);
      this.log.push(recorded);
      this.byId.set(event.id, recorded);
    }
    this.streams.set(streamId, stream);
    this.changed.notify();
    const last = stream[stream.length - 1] as RecordedEvent;
    return { nextExpectedRevision: last.revision, position: last.position };
  }

  /**
   * The same ids, in the same order, already stored where this append would have put them: a retry.
   * Some of them stored but not that way: a conflict.
   */
  private retriedAppend(streamId: string, stream: RecordedEvent[], events: NewEvent[], expected: AppendOptions['expectedRevision']): AppendResult | undefined {
    const stored = events.map((event) => this.byId.get(event.id));
    if (stored.every((event) => event === undefined)) return undefined;
    const first = stored[0];
    const contiguous =
      first !== undefined &&
      first.streamId === streamId &&
      stored.every((event, i) => event?.streamId === streamId && event.revision === first.revision + BigInt(i));
    const atExpected =
      expected === 'any' || expected === 'stream_exists' || (expected === 'no_stream' ? first?.revision === 0n : first?.revision === expected + 1n);
    if (!contiguous || !atExpected) {
      const actual = stream.length === 0 ? 'no_stream' : BigInt(stream.length - 1);
      throw new WrongExpectedVersionError(streamId, expected, actual);
    }
    const last = stored[stored.length - 1] as RecordedEvent;
    return { nextExpectedRevision: last.revision, position: last.position };
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const stream = this.streams.get(streamId) ?? [];
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision;
    const selected = backwards
      ? stream.filter((e) => from === undefined || e.revision <= from).reverse()
      : stream.filter((e) => from === undefined || e.revision >= from);
    return Promise.resolve(structuredClone(selected.slice(0, options.maxCount ?? selected.length)));
  }

  readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = options.after ?? 0n;
    // Positions are 1-based array indexes + 1, so the slice starts right after `after`.
    return Promise.resolve(structuredClone(this.log.slice(Number(after), Number(after) + (options.maxCount ?? this.log.length))));
  }

  subscribeToAll(options: { after?: bigint } = {}): Subscription {
    const read = (after: bigint, maxCount: number) => this.readAll({ after, maxCount });
    return new PollingSubscription({ read }, this.changed, options.after ?? 0n, { batchSize: 500, pollIntervalMs: 1000 });
  }

  headPosition(): Promise<bigint> {
    return Promise.resolve(BigInt(this.log.length));
  }

  async close(): Promise<void> {}
}
