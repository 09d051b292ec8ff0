import { createTestDatabase } from '../../../../test/setup/test-database';
import { newEvent } from '@arrears/testing';
import { collect } from '../contract/event-store.contract';
import type { RecordedEvent } from '../event-store.port';
import { PostgresEventStore } from './postgres.event-store';

/**
 * The failure this guards against: with concurrent transactions, a position can become visible after
 * a higher one. A subscriber that has moved past it would lose that event for good.
 */
describe('PostgreSQL subscription under concurrent appenders', () => {
  const appenders = 8;
  const appendsPerAppender = 400;
  const streamsPerAppender = 25;

  it(`delivers every one of ${appenders * appendsPerAppender * 2} events exactly once, in strictly increasing position`, async () => {
    const url = await createTestDatabase();
    const writer = await PostgresEventStore.connect({ connectionString: url, poolSize: appenders });
    // A second instance, as a separate process would have: it learns of appends only through the database.
    const reader = await PostgresEventStore.connect({ connectionString: url, poolSize: 2, batchSize: 200, pollIntervalMs: 50 });
    const expected = appenders * appendsPerAppender * 2;
    const subscription = reader.subscribeToAll();
    const delivery = collect(subscription, (events) => events.length >= expected, 120_000);

    const appended: bigint[] = [];
    await Promise.all(
      Array.from({ length: appenders }, async (_, appender) => {
        const revisions = new Map<string, bigint>();
        for (let i = 0; i < appendsPerAppender; i++) {
          const streamId = `load-${appender}-${i % streamsPerAppender}`;
          const expectedRevision = revisions.get(streamId) ?? 'no_stream';
          const result = await writer.append(streamId, [newEvent('Loaded', { appender, i }), newEvent('Loaded', { appender, i })], {
            expectedRevision,
          });
          revisions.set(streamId, result.nextExpectedRevision);
          appended.push(result.position - 1n, result.position);
        }
      }),
    );
    const received: RecordedEvent[] = await delivery;

    expect(received).toHaveLength(expected);
    received.forEach((event, i) => {
      if (i > 0) expect(event.position > received[i - 1]!.position).toBe(true);
    });
    expect(new Set(received.map((e) => e.id)).size).toBe(expected);
    expect(new Set(received.map((e) => e.position))).toEqual(new Set(appended));
    // And each stream's events arrive in revision order.
    const lastRevision = new Map<string, bigint>();
    for (const event of received) {
      expect(event.revision).toBe((lastRevision.get(event.streamId) ?? -1n) + 1n);
      lastRevision.set(event.streamId, event.revision);
    }
    await Promise.all([writer.close(), reader.close()]);
  });
});
