import { createTestDatabase } from '../../../../test/setup/test-database';
import { newEvent } from '@arrears/testing';
import { appendToStreams, readStreams } from '../many-streams';
import { PostgresEventStore } from './postgres.event-store';

/** A bulk load's appends: many streams in one statement, each still checked against its own revision. */
describe('PostgreSQL many-stream append', () => {
  let store: PostgresEventStore;
  beforeAll(async () => {
    store = await PostgresEventStore.connect({ connectionString: await createTestDatabase(), poolSize: 2 });
  });
  afterAll(async () => {
    await store.close();
  });

  it('appends to each stream at its expected revision, and answers a stale one with its actual revision, writing nothing for it', async () => {
    const stamp = Date.now();
    await store.append(`am-old-${stamp}`, [newEvent()], { expectedRevision: 'no_stream' });
    const outcomes = await appendToStreams(store, [
      { streamId: `am-new-${stamp}`, events: [newEvent(), newEvent()], expectedRevision: 'no_stream' },
      { streamId: `am-old-${stamp}`, events: [newEvent()], expectedRevision: 'no_stream' },
      { streamId: `am-next-${stamp}`, events: [newEvent()], expectedRevision: 'any' },
    ]);
    expect(outcomes).toEqual([
      { appended: { nextExpectedRevision: 1n, position: expect.any(BigInt) } },
      { actual: 0n },
      { appended: { nextExpectedRevision: 0n, position: expect.any(BigInt) } },
    ]);
    const streams = await readStreams(store, [`am-new-${stamp}`, `am-old-${stamp}`, `am-none-${stamp}`]);
    expect([...streams].map(([streamId, events]) => [streamId, events.map((event) => Number(event.revision))])).toEqual([
      [`am-new-${stamp}`, [0, 1]],
      [`am-old-${stamp}`, [0]],
      [`am-none-${stamp}`, []],
    ]);
  });

  it('appends one by one when the statement meets an id stored elsewhere, so only that append fails', async () => {
    const stamp = Date.now();
    const taken = newEvent();
    await store.append(`am-taken-${stamp}`, [taken], { expectedRevision: 'no_stream' });
    const appending = appendToStreams(store, [
      { streamId: `am-fine-${stamp}`, events: [newEvent()], expectedRevision: 'no_stream' },
      { streamId: `am-thief-${stamp}`, events: [taken], expectedRevision: 'no_stream' },
    ]);
    await expect(appending).rejects.toThrow();
    expect(await store.readStream(`am-fine-${stamp}`)).toHaveLength(1);
  });
});
