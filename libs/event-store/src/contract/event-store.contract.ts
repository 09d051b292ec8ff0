import { newEvent } from '@arrears/testing';
import { randomUUID } from 'node:crypto';
import { WrongExpectedVersionError } from '../errors';
import type { AppendOptions, EventStore, NewEvent, RecordedEvent, Subscription } from '../event-store.port';

/** What the contract needs of an adapter under test. */
export interface EventStoreHarness {
  name: string;
  create(): Promise<EventStore>;
  /**
   * For adapters where appends run in concurrent transactions: start an append and leave its
   * transaction open. Adapters that apply appends one at a time (in-memory, EventStoreDB's single
   * writer) cannot commit out of order, so they have nothing to prove here.
   */
  openTransaction?: (store: EventStore, streamId: string, events: NewEvent[], options: AppendOptions) => Promise<{ commit(): Promise<void> }>;
}

const stream = () => `contract-${randomUUID()}`;
const rejection = async (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

/** Takes events from a subscription until `until` says stop, or fails after `timeoutMs`. */
export async function collect(subscription: Subscription, until: (received: RecordedEvent[]) => boolean, timeoutMs = 10_000): Promise<RecordedEvent[]> {
  const received: RecordedEvent[] = [];
  const timer = setTimeout(() => void subscription.close(), timeoutMs);
  try {
    for await (const event of subscription) {
      received.push(event);
      if (until(received)) break;
    }
  } finally {
    clearTimeout(timer);
    await subscription.close();
  }
  return received;
}

/**
 * The event store contract (docs/architecture.md, "The event store"): every adapter runs this same suite.
 */
export function eventStoreContract(harness: EventStoreHarness): void {
  describe(`event store contract: ${harness.name}`, () => {
    let store: EventStore;
    beforeAll(async () => {
      store = await harness.create();
    });
    afterAll(async () => {
      await store.close();
    });

    describe('append and read a stream', () => {
      it('appends to a new stream from revision 0 and reads the events back in order, with metadata', async () => {
        const id = stream();
        const events = [newEvent('A', { n: 1 }), newEvent('B', { n: 2 })];
        const result = await store.append(id, events, { expectedRevision: 'no_stream' });
        expect(result.nextExpectedRevision).toBe(1n);
        const read = await store.readStream(id);
        expect(read.map((e) => [e.id, e.type, e.data, e.metadata, e.revision])).toEqual(events.map((e, i) => [e.id, e.type, e.data, e.metadata, BigInt(i)]));
        expect(read[1]?.position).toBe(result.position);
        expect(read[0]?.position).toBeLessThan(result.position);
      });

      it('keeps revisions and positions bigint end to end', async () => {
        const id = stream();
        const result = await store.append(id, [newEvent()], { expectedRevision: 'any' });
        const [fromStream] = await store.readStream(id);
        const fromAll = (await store.readAll({ after: result.position - 1n, maxCount: 1 }))[0];
        for (const value of [
          result.nextExpectedRevision,
          result.position,
          fromStream?.revision,
          fromStream?.position,
          fromAll?.position,
          fromAll?.revision,
          await store.headPosition(),
        ]) {
          expect(typeof value).toBe('bigint');
        }
      });

      it('reads a missing stream as empty, not as an error', async () => {
        await expect(store.readStream(stream())).resolves.toEqual([]);
      });

      it('reads from a revision, backwards, and at most maxCount', async () => {
        const id = stream();
        await store.append(id, [newEvent('0'), newEvent('1'), newEvent('2'), newEvent('3')], { expectedRevision: 'no_stream' });
        expect((await store.readStream(id, { fromRevision: 2n })).map((e) => e.type)).toEqual(['2', '3']);
        expect((await store.readStream(id, { direction: 'backwards', maxCount: 2 })).map((e) => e.type)).toEqual(['3', '2']);
        expect((await store.readStream(id, { direction: 'backwards', fromRevision: 1n })).map((e) => e.type)).toEqual(['1', '0']);
      });
    });

    describe('expected revisions', () => {
      it('appends at the expected revision', async () => {
        const id = stream();
        await store.append(id, [newEvent()], { expectedRevision: 'no_stream' });
        await store.append(id, [newEvent()], { expectedRevision: 'stream_exists' });
        const result = await store.append(id, [newEvent()], { expectedRevision: 1n });
        expect(result.nextExpectedRevision).toBe(2n);
      });

      it('refuses no_stream on an existing stream, naming the actual revision, and writes nothing', async () => {
        const id = stream();
        await store.append(id, [newEvent(), newEvent()], { expectedRevision: 'no_stream' });
        const error = await rejection(store.append(id, [newEvent()], { expectedRevision: 'no_stream' }));
        expect(error).toBeInstanceOf(WrongExpectedVersionError);
        expect(error).toMatchObject({ streamId: id, actual: 1n });
        expect(await store.readStream(id)).toHaveLength(2);
      });

      it('refuses stream_exists on a missing stream', async () => {
        const id = stream();
        const error = await rejection(store.append(id, [newEvent()], { expectedRevision: 'stream_exists' }));
        expect(error).toBeInstanceOf(WrongExpectedVersionError);
        expect(error).toMatchObject({ actual: 'no_stream' });
        expect(await store.readStream(id)).toEqual([]);
      });

      it('refuses a stale revision', async () => {
        const id = stream();
        await store.append(id, [newEvent(), newEvent(), newEvent()], { expectedRevision: 'no_stream' });
        const error = await rejection(store.append(id, [newEvent()], { expectedRevision: 0n }));
        expect(error).toMatchObject({ expected: 0n, actual: 2n });
      });

      it('lets exactly one of two concurrent appends at the same revision win; the loser learns the actual revision', async () => {
        const id = stream();
        await store.append(id, [newEvent()], { expectedRevision: 'no_stream' });
        const outcomes = await Promise.allSettled([
          store.append(id, [newEvent('first')], { expectedRevision: 0n }),
          store.append(id, [newEvent('second')], { expectedRevision: 0n }),
        ]);
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect(lost[0]?.reason).toBeInstanceOf(WrongExpectedVersionError);
        expect(lost[0]?.reason).toMatchObject({ actual: 1n });
        expect(await store.readStream(id)).toHaveLength(2);
      });
    });

    describe('idempotent retries', () => {
      it('treats a retry with the same event ids and expected revision as a success that writes nothing', async () => {
        const id = stream();
        await store.append(id, [newEvent()], { expectedRevision: 'no_stream' });
        const events = [newEvent(), newEvent()];
        const first = await store.append(id, events, { expectedRevision: 0n });
        const retry = await store.append(id, events, { expectedRevision: 0n });
        expect(retry).toEqual(first);
        expect(await store.readStream(id)).toHaveLength(3);
      });

      it('treats a retry of a stream’s first append as a success too', async () => {
        const id = stream();
        const events = [newEvent()];
        const first = await store.append(id, events, { expectedRevision: 'no_stream' });
        await expect(store.append(id, events, { expectedRevision: 'no_stream' })).resolves.toEqual(first);
        expect(await store.readStream(id)).toHaveLength(1);
      });

      it('refuses a retry whose ids only partly overlap, and writes nothing', async () => {
        const id = stream();
        const [a, b, c] = [newEvent(), newEvent(), newEvent()];
        await store.append(id, [a, b], { expectedRevision: 'no_stream' });
        const error = await rejection(store.append(id, [a, c], { expectedRevision: 'no_stream' }));
        expect(error).toBeInstanceOf(WrongExpectedVersionError);
        expect((await store.readStream(id)).map((e) => e.id)).toEqual([a.id, b.id]);
      });
    });

    describe('the whole log', () => {
      it('reads all events after a position, exclusively, in position order', async () => {
        const head = await store.headPosition();
        const [s1, s2] = [stream(), stream()];
        const r1 = await store.append(s1, [newEvent('x1')], { expectedRevision: 'no_stream' });
        await store.append(s2, [newEvent('y1'), newEvent('y2')], { expectedRevision: 'no_stream' });
        await store.append(s1, [newEvent('x2')], { expectedRevision: 0n });
        const ours = (events: RecordedEvent[]) => events.filter((e) => e.streamId === s1 || e.streamId === s2);
        const all = ours(await store.readAll({ after: head }));
        expect(all.map((e) => e.type)).toEqual(['x1', 'y1', 'y2', 'x2']);
        const positions = all.map((e) => e.position);
        expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
        const afterFirst = ours(await store.readAll({ after: r1.position }));
        expect(afterFirst.map((e) => e.type)).toEqual(['y1', 'y2', 'x2']);
        expect(ours(await store.readAll({ after: r1.position, maxCount: 1 })).map((e) => e.type)).toEqual(['y1']);
        expect(await store.headPosition()).toBe(all[3]?.position);
      });

      it('subscribes to all: catches up, then goes live, from after a position', async () => {
        const id = stream();
        const head = await store.headPosition();
        await store.append(id, [newEvent('before-1'), newEvent('before-2')], { expectedRevision: 'no_stream' });
        const subscription = store.subscribeToAll({ after: head });
        const received = collect(subscription, (events) => events.filter((e) => e.streamId === id).length === 4);
        await store.append(id, [newEvent('live-1')], { expectedRevision: 1n });
        await store.append(id, [newEvent('live-2')], { expectedRevision: 2n });
        const ours = (await received).filter((e) => e.streamId === id);
        expect(ours.map((e) => e.type)).toEqual(['before-1', 'before-2', 'live-1', 'live-2']);
      });
    });

    const openTransaction = harness.openTransaction;
    if (openTransaction) {
      describe('transactions that commit out of order', () => {
        it('holds a live subscriber back while an earlier transaction is open, and skips nothing once it commits', async () => {
          const [slow, fast] = [stream(), stream()];
          const head = await store.headPosition();
          const subscription = store.subscribeToAll({ after: head });
          const received = collect(subscription, (events) => events.length >= 2);
          const pending = await openTransaction(store, slow, [newEvent('slow')], { expectedRevision: 'no_stream' });
          const fastResult = await store.append(fast, [newEvent('fast')], { expectedRevision: 'no_stream' });
          // The later position is committed, but the earlier one may still commit: nothing is delivered yet.
          await new Promise((resolve) => setTimeout(resolve, 700));
          expect(await store.readAll({ after: head })).toEqual([]);
          // Yet the head counts it: whoever waits to have read up to the head waits for both.
          expect(await store.headPosition()).toBe(fastResult.position);
          await pending.commit();
          const events = await received;
          expect(events.map((e) => e.type)).toEqual(['slow', 'fast']);
          expect(events[0]?.position).toBeLessThan(fastResult.position);
        });

        it('delivers a stream’s events in revision order even when a later append waited on an open one', async () => {
          const id = stream();
          const head = await store.headPosition();
          const subscription = store.subscribeToAll({ after: head });
          const received = collect(subscription, (events) => events.length >= 2);
          const pending = await openTransaction(store, id, [newEvent('rev-0')], { expectedRevision: 'no_stream' });
          const second = store.append(id, [newEvent('rev-1')], { expectedRevision: 'any' });
          await new Promise((resolve) => setTimeout(resolve, 300));
          await pending.commit();
          await second;
          const events = await received;
          expect(events.map((e) => [e.type, e.revision])).toEqual([
            ['rev-0', 0n],
            ['rev-1', 1n],
          ]);
        });
      });
    }
  });
}
