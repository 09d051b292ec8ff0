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
});
