import {
  appendToStreams,
  readStreams,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamAppend,
  type StreamAppendOutcome,
  type Subscription,
} from '@arrears/event-store';
import type { PersonalDataVault } from './personal-data-vault';

/**
 * The event store as its readers want it: debtors' personal data opened (or erased) on every read.
 * What is appended passes through as it is: the write path seals before it hashes, so the hash chain
 * covers what is stored and still verifies after an erasure.
 */
export class OpeningEventStore implements EventStore {
  constructor(
    private readonly stored: EventStore,
    private readonly vault: PersonalDataVault,
  ) {}

  get backend(): string {
    return this.stored.backend;
  }

  append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    return this.stored.append(streamId, events, options);
  }

  appendMany(appends: StreamAppend[]): Promise<StreamAppendOutcome[]> {
    return appendToStreams(this.stored, appends);
  }

  /** Opens all the streams' debtors in one pass: one look-up for all their keys. */
  async readMany(streamIds: string[]): Promise<Map<string, RecordedEvent[]>> {
    const streams = await readStreams(this.stored, streamIds);
    const opened = await this.vault.open([...streams.values()].flat());
    let next = 0;
    return new Map([...streams].map(([streamId, events]) => [streamId, opened.slice(next, (next += events.length))]));
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.vault.open(await this.stored.readStream(streamId, options));
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.vault.open(await this.stored.readAll(options));
  }

  subscribeToAll(options?: { after?: bigint }): Subscription {
    const source = this.stored.subscribeToAll(options);
    const vault = this.vault;
    return {
      close: () => source.close(),
      async *[Symbol.asyncIterator]() {
        // Openings and messages are sealed; open() passes any other event through as it is.
        for await (const event of source) yield (await vault.open([event]))[0] as RecordedEvent;
      },
    };
  }

  headPosition(): Promise<bigint> {
    return this.stored.headPosition();
  }

  close(): Promise<void> {
    return this.stored.close();
  }
}
