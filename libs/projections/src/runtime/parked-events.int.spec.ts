import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '@arrears/event-store';
import { FixedClock, RandomIdGenerator } from '@arrears/platform';
import { PostgresReadStore } from '@arrears/read-store';
import { newEvent } from '@arrears/testing';
import { closeTestStores, openTestStores } from '../../../../test/setup/test-stores';
import type { ProjectedDocument, Projection } from '../projection';
import { DEAD_LETTERS } from '../runner/batch-writes';
import { ProjectionRunner } from '../runner/projection-runner';
import { PARKED_EVENT_DECISIONS, ParkedEvents } from './parked-events';

interface Sum extends ProjectedDocument {
  sum: number;
}

/** Sums `Added` events per stream; a `Poison` event throws, until `digests` says it adds its `n` too. */
/** What these streams hold: a poison event carries an `n` too, added once it can be digested. */
type SumEvent = { type: 'Added' | 'Poison'; data: { n: number } };

const sums = (name: string, digests = false): Projection<Sum, SumEvent> => ({
  name,
  version: 1,
  collection: name,
  indexes: [],
  handles: ['Added', 'Poison'],
  documentIds: (event) => [{ collection: name, id: event.streamId }],
  evolve: ([document], event) => {
    if (event.type === 'Poison' && !digests) throw new Error('cannot digest this');
    return [{ id: event.streamId, sum: (document?.sum ?? 0) + event.data.n }];
  },
});

describe('ParkedEvents', () => {
  let events: PostgresEventStore;
  let reads: PostgresReadStore;
  const clock = new FixedClock(new Date('2026-03-01T12:00:00Z'));
  beforeAll(async () => ({ events, reads } = await openTestStores()));
  afterAll(() => closeTestStores({ events, reads }));

  it('applies a retried event to the documents as they are now, never moving their position back, while the projection runs', async () => {
    const name = `t_${randomUUID().slice(0, 8)}`;
    const stream = `${name}-s`;
    await events.append(stream, [newEvent('Added', { n: 1 })], { expectedRevision: 'no_stream' });
    const poison = await events.append(stream, [newEvent('Poison', { n: 100 })], { expectedRevision: 0n });
    const later = await events.append(stream, [newEvent('Added', { n: 10 })], { expectedRevision: 1n });
    const runner = new ProjectionRunner(events, reads, [{ projection: sums(name), poison: 'skip' }], { batchSize: 50, batchWaitMs: 5, leaseTtlMs: 600 });
    runner.start();
    expect(await runner.waitFor(later.position, 5000)).toBe(true);
    expect(await reads.get(name, stream)).toMatchObject({ sum: 11, position: Number(later.position) });

    // The projection's code is fixed: the retry uses it.
    const parked = new ParkedEvents(reads, events, [sums(name, true)], clock, new RandomIdGenerator(), 600);
    const id = `${name}:${poison.position}`;
    const retried = await parked.retry(id, '*', { id: 'sup-1', role: 'supervisor' });
    expect(retried).toMatchObject({
      id,
      status: 'resolved',
      resolution: 'retried',
      decisions: [{ decision: 'retried', outcome: 'applied', by: { id: 'sup-1' }, at: '2026-03-01T12:00:00.000Z' }],
    });
    expect(await reads.get(name, stream)).toMatchObject({ sum: 111, position: Number(later.position) });
    expect(await reads.get(DEAD_LETTERS, id)).toMatchObject({ status: 'resolved' });
    expect(await reads.find(PARKED_EVENT_DECISIONS, { where: [{ field: 'parkedEventId', op: 'eq', value: id }] })).toEqual([
      expect.objectContaining({ decision: 'retried', outcome: 'applied', by: { id: 'sup-1', role: 'supervisor' } }),
    ]);
    await expect(parked.retry(id, '*', { id: 'sup-1', role: 'supervisor' })).rejects.toMatchObject({ code: 'PARKED_EVENT_RESOLVED' });

    // The worker takes its lease back and goes on from its checkpoint.
    const after = await events.append(stream, [newEvent('Added', { n: 1000 })], { expectedRevision: 2n });
    expect(await runner.waitFor(after.position, 5000)).toBe(true);
    expect(await reads.get(name, stream)).toMatchObject({ sum: 1111, position: Number(after.position) });
    await runner.stop();
  });

  it('holds a stream behind its poison event under quarantine, other streams going on; retried in order, it folds as if never parked', async () => {
    const name = `t_${randomUUID().slice(0, 8)}`;
    const [stream, other] = [`${name}-s`, `${name}-o`];
    await events.append(stream, [newEvent('Added', { n: 1 })], { expectedRevision: 'no_stream' });
    const poison = await events.append(stream, [newEvent('Poison', { n: 100 })], { expectedRevision: 0n });
    const held = await events.append(stream, [newEvent('Added', { n: 10 })], { expectedRevision: 1n });
    const goesOn = await events.append(other, [newEvent('Added', { n: 5 })], { expectedRevision: 'no_stream' });
    const runner = new ProjectionRunner(events, reads, [{ projection: sums(name), poison: 'quarantine' }], { batchSize: 50, batchWaitMs: 5, leaseTtlMs: 600 });
    runner.start();
    expect(await runner.waitFor(goesOn.position, 5000)).toBe(true);
    expect(await reads.get(name, other)).toMatchObject({ sum: 5 });
    expect(await reads.get(name, stream)).toMatchObject({ sum: 1 }); // neither the poison nor what follows it
    expect(await reads.get(DEAD_LETTERS, `${name}:${held.position}`)).toMatchObject({
      status: 'parked',
      error: expect.stringMatching(`Held behind the parked event at position ${poison.position}`),
    });

    const parked = new ParkedEvents(reads, events, [sums(name, true)], clock, new RandomIdGenerator(), 600);
    const supervisor = { id: 'sup-1', role: 'supervisor' };
    await expect(parked.retry(`${name}:${held.position}`, '*', supervisor)).rejects.toMatchObject({ code: 'PARKED_EVENT_HELD' });
    await parked.retry(`${name}:${poison.position}`, '*', supervisor);
    await parked.retry(`${name}:${held.position}`, '*', supervisor);
    expect(await reads.get(name, stream)).toMatchObject({ sum: 111, position: Number(held.position) });

    // Released: the worker reads its held streams again under its lease, and the stream's next event applies.
    const after = await events.append(stream, [newEvent('Added', { n: 1000 })], { expectedRevision: 2n });
    expect(await runner.waitFor(after.position, 5000)).toBe(true);
    expect(await reads.get(name, stream)).toMatchObject({ sum: 1111, position: Number(after.position) });
    await runner.stop();
  });
});
