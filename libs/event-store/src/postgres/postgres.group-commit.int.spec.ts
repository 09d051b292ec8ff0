import { createTestDatabase } from '../../../../test/setup/test-database';
import { newEvent } from '@arrears/testing';
import { DuplicateEventIdError, WrongExpectedVersionError } from '../errors';
import { PostgresEventStore } from './postgres.event-store';

/**
 * With a pool of 2, one batch is in flight at a time, so appends made together travel together:
 * each must still get exactly the outcome it would have had alone.
 */
describe('PostgreSQL group commit', () => {
  let store: PostgresEventStore;
  beforeAll(async () => {
    store = await PostgresEventStore.connect({ connectionString: await createTestDatabase(), poolSize: 2 });
  });
  afterAll(async () => {
    await store.close();
  });

  it('gives every append in a batch its own outcome', async () => {
    const existing = `gc-existing-${Date.now()}`;
    const retried = [newEvent(), newEvent()];
    await store.append(existing, retried, { expectedRevision: 'no_stream' });
    const racing = `gc-racing-${Date.now()}`;
    const outcomes = await Promise.allSettled([
      store.append(`gc-blocker-${Date.now()}`, [newEvent()], { expectedRevision: 'no_stream' }), // goes alone; the rest wait
      store.append(`gc-new-${Date.now()}`, [newEvent(), newEvent(), newEvent()], { expectedRevision: 'no_stream' }),
      store.append(existing, retried, { expectedRevision: 'no_stream' }), // a retry: the original result
      store.append(existing, [newEvent()], { expectedRevision: 0n }), // stale
      store.append(racing, [newEvent('a')], { expectedRevision: 'no_stream' }),
      store.append(racing, [newEvent('b')], { expectedRevision: 'no_stream' }), // same stream, same batch
      store.append(`gc-foreign-${Date.now()}`, [retried[0]!], { expectedRevision: 'any' }), // an id stored elsewhere
    ]);
    const [blocker, fresh, retry, stale, raceA, raceB, foreign] = outcomes;
    expect(blocker.status).toBe('fulfilled');
    expect(fresh).toMatchObject({ status: 'fulfilled', value: { nextExpectedRevision: 2n } });
    expect(retry).toMatchObject({ status: 'fulfilled', value: { nextExpectedRevision: 1n } });
    expect(stale).toMatchObject({ status: 'rejected', reason: expect.any(WrongExpectedVersionError) });
    expect([raceA.status, raceB.status].sort()).toEqual(['fulfilled', 'rejected']);
    expect(foreign).toMatchObject({ status: 'rejected', reason: expect.any(DuplicateEventIdError) });
    expect(await store.readStream(existing)).toHaveLength(2);
    expect((await store.readStream(racing)).map((e) => e.revision)).toEqual([0n]);
  });

  it('does not let one malformed append sink the others of its batch', async () => {
    const stream = `gc-mixed-${Date.now()}`;
    const outcomes = await Promise.allSettled([
      store.append(`${stream}-first`, [newEvent()], { expectedRevision: 'no_stream' }),
      store.append(`${stream}-good`, [newEvent()], { expectedRevision: 'no_stream' }),
      store.append(`${stream}-bad`, [{ ...newEvent(), id: 'not-a-uuid' }], { expectedRevision: 'no_stream' }),
      store.append(`${stream}-good-too`, [newEvent()], { expectedRevision: 'no_stream' }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
  });

  it('fails appends racing on one stream from two processes only by the race, and loses or repeats nothing acknowledged', async () => {
    // Pools of 4, two batches in flight each; the two stores stand for two processes. Forty appends to one
    // stream with 'any' lose races by the dozen, and each loser looks at the stream again (three times at most).
    const url = await createTestDatabase();
    const [left, right] = await Promise.all([0, 1].map(() => PostgresEventStore.connect({ connectionString: url, poolSize: 4 })));
    try {
      const stream = `gc-shared-${Date.now()}`;
      const events = Array.from({ length: 40 }, (_, n) => newEvent(`e-${n}`));
      const outcomes = await Promise.allSettled(events.map((event, n) => (n % 2 ? right! : left!).append(stream, [event], { expectedRevision: 'any' })));

      // Every failure is a race lost three times over, none a wait for a connection or another error.
      const reasons = outcomes.flatMap((o) => (o.status === 'rejected' ? [(o.reason as { constraint?: string }).constraint] : []));
      expect(reasons.filter((constraint) => constraint !== 'events_stream_revision_key')).toEqual([]);
      // What was acknowledged is stored once, at contiguous revisions; nothing else is.
      const acknowledged = events.filter((_, n) => outcomes[n]?.status === 'fulfilled').map((e) => e.id);
      const stored = await left!.readStream(stream);
      expect(stored.map((e) => e.revision)).toEqual(acknowledged.map((_, n) => BigInt(n)));
      expect(new Set(stored.map((e) => e.id))).toEqual(new Set(acknowledged));
    } finally {
      await Promise.all([left?.close(), right?.close()]);
    }
  });
});
