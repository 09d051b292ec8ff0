import { randomUUID } from 'node:crypto';
import { PostgresEventStore, type RecordedEvent } from '@arrears/event-store';
import { PostgresReadStore, type Checkpoint, type ReadStore, type WriteOperation } from '@arrears/read-store';
import { Metrics, reportingZones } from '@arrears/platform';
import { newEvent } from '@arrears/testing';
import { closeTestStores, openTestStores } from '../../../../test/setup/test-stores';
import type { ProjectedDocument, Projection } from '../projection';
import { AccountSearchKey, readModelsFor } from '../read-models';
import { accountProjection } from '../read-models/read-model.fixtures';
import { ProjectionRunner } from '../runner/projection-runner';
import { ProjectionProgress } from '../runtime/projection-progress';

interface Tally extends ProjectedDocument {
  count: number;
  /** The version of the projection that built the document. */
  builtBy: number;
}

/** Counts the `Counted` events of each of its streams; its documents say which version built them. */
const tallies = (name: string, version: number): Projection<Tally> => ({
  name,
  version,
  collection: name,
  indexes: [{ name: 'by_count', fields: [{ field: 'count', direction: 'desc' }] }],
  handles: ['Counted'],
  documentIds: (event: RecordedEvent) => (event.streamId.startsWith(`${name}-`) ? [{ collection: name, id: event.streamId }] : []),
  evolve: ([document], event) => [{ id: event.streamId, count: (document?.count ?? 0) + 1, builtBy: version }],
});

const until = async (condition: () => boolean | Promise<boolean>, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('A projection whose declared version differs from the stored one', () => {
  let events: PostgresEventStore;
  let reads: PostgresReadStore;
  const logs: string[] = [];

  beforeAll(async () => ({ events, reads } = await openTestStores()));
  afterAll(() => closeTestStores({ events, reads }));

  const runner = (name: string, version: number, owner: string, store: ReadStore = reads) =>
    new ProjectionRunner(events, store, [{ projection: tallies(name, version), poison: 'quarantine' }], {
      batchSize: 5,
      batchWaitMs: 10,
      retryDelayMs: 20,
      leaseTtlMs: 300,
      owner,
      log: (message) => logs.push(message),
    });

  /** Appends `n` events to each of the streams, one append per event. */
  const fill = async (name: string, streams: number, n: number) => {
    for (let s = 0; s < streams; s++) {
      for (let i = 0; i < n; i++) await events.append(`${name}-${s}`, [newEvent('Counted')], { expectedRevision: i === 0 ? 'no_stream' : BigInt(i - 1) });
    }
    return events.headPosition();
  };

  /** Version 1 projected up to the head, as a release before this one left it. */
  const builtAtVersion1 = async (name: string, streams = 2, n = 10) => {
    const head = await fill(name, streams, n);
    const previous = runner(name, 1, 'previous');
    previous.start();
    expect(await previous.waitFor(head, 10_000)).toBe(true);
    await previous.stop();
    expect(await reads.version(name)).toBe(1);
    return head;
  };

  /** The read store, with the writes into the rebuild's shadow held at a gate, and a tally of them. */
  const gated = (shadow: string) => {
    const gate = { open: (): void => undefined, writes: [] as bigint[] };
    const opened = new Promise<void>((resolve) => (gate.open = resolve));
    const store: PostgresReadStore = Object.assign(Object.create(reads) as PostgresReadStore, {
      apply: async (operations: WriteOperation[], checkpoint?: Checkpoint) => {
        if (checkpoint?.name === shadow) {
          gate.writes.push(checkpoint.position);
          await opened;
        }
        return reads.apply(operations, checkpoint);
      },
    });
    return { store, gate };
  };

  it('is rebuilt beside the old one, which serves until the new one has caught up, then swapped in', async () => {
    const name = `v_${randomUUID().slice(0, 8)}`;
    await builtAtVersion1(name);
    const { store, gate } = gated(`${name}__v2`);
    const next = runner(name, 2, 'next', store);
    next.start();
    await until(() => gate.writes.length > 0);
    expect(await reads.get(name, `${name}-0`)).toMatchObject({ count: 10, builtBy: 1 });
    expect(next.status()[0]).toMatchObject({ state: 'rebuilding', rebuild: { from: 1, to: 2, by: 'this process' } });
    gate.open();
    const later = await events.append(`${name}-0`, [newEvent('Counted')], { expectedRevision: 9n });
    expect(await next.waitFor(later.position, 10_000)).toBe(true);
    expect(await reads.get(name, `${name}-0`)).toMatchObject({ count: 11, builtBy: 2 });
    expect(await reads.get(name, `${name}-1`)).toMatchObject({ count: 10, builtBy: 2 });
    expect(await reads.version(name)).toBe(2);
    expect(await reads.find(`${name}__v2`)).toEqual([]);
    expect(next.status()[0]).toMatchObject({ state: 'running' });
    expect(logs.some((line) => line.includes(`Projection ${name}: version 2 caught up`))).toBe(true);
    await next.stop();
    // A process of the previous release, still running or started late, leaves the newer version alone.
    const older = runner(name, 1, 'older');
    older.start();
    await until(() => older.status()[0]?.error?.includes('a newer release projects it') ?? false);
    await events.append(`${name}-0`, [newEvent('Counted')], { expectedRevision: 10n });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await reads.get(name, `${name}-0`)).toMatchObject({ count: 11, builtBy: 2 });
    expect(await reads.version(name)).toBe(2);
    await older.stop();
  });

  it('is rebuilt by one process while the others wait for the swap', async () => {
    const name = `v_${randomUUID().slice(0, 8)}`;
    await builtAtVersion1(name);
    const first = gated(`${name}__v2`);
    const second = gated(`${name}__v2`);
    const runners = [runner(name, 2, 'first', first.store), runner(name, 2, 'second', second.store)];
    runners.forEach((each) => {
      each.start();
    });
    await until(() => first.gate.writes.length + second.gate.writes.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 700)); // past a lease's lifetime: the other would have begun by now
    const [rebuilding, waiting] = first.gate.writes.length ? [first, second] : [second, first];
    expect(waiting.gate.writes).toEqual([]);
    const waiter = runners[rebuilding === first ? 1 : 0];
    expect(waiter?.status()[0]).toMatchObject({ state: 'rebuilding', rebuild: { by: 'elsewhere' } });
    rebuilding.gate.open();
    waiting.gate.open();
    // Both then project the new version, one running and the other on standby for the live lease.
    await until(() => runners.every((each) => ['running', 'standby'].includes(each.status()[0]?.state ?? '')));
    expect(await reads.version(name)).toBe(2);
    expect(waiting.gate.writes).toEqual([]);
    expect(await reads.get(name, `${name}-1`)).toMatchObject({ count: 10, builtBy: 2 });
    await Promise.all(runners.map((each) => each.stop()));
  });

  it('goes on where a process that died mid-rebuild stopped', async () => {
    const name = `v_${randomUUID().slice(0, 8)}`;
    await builtAtVersion1(name, 4, 10);
    // A process whose every call fails from its third write into the shadow on: it died there, holding its leases.
    let calls = 0;
    let dead = false;
    const dying = new Proxy(reads, {
      get: (target, property) => {
        const member = Reflect.get(target, property) as unknown;
        if (typeof member !== 'function') return member;
        return (...args: unknown[]) => {
          const checkpoint = property === 'apply' ? (args[1] as Checkpoint | undefined) : undefined;
          if (checkpoint?.name === `${name}__v2` && ++calls >= 3) dead = true;
          return dead ? Promise.reject(new Error('the process is gone')) : (member as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const died = runner(name, 2, 'died', dying);
    died.start();
    await until(() => dead);
    const reached = (await reads.checkpoint(`${name}__v2`)) ?? 0n;
    expect(reached).toBeGreaterThan(0n);
    expect(await reads.version(name)).toBe(1);

    const { store, gate } = gated(`${name}__v2`);
    gate.open();
    const successor = runner(name, 2, 'successor', store);
    successor.start();
    expect(await successor.waitFor(await events.headPosition(), 10_000)).toBe(true);
    expect(gate.writes[0]).toBeGreaterThan(reached);
    for (let s = 0; s < 4; s++) expect(await reads.get(name, `${name}-${s}`)).toMatchObject({ count: 10, builtBy: 2 });
    expect(await reads.version(name)).toBe(2);
    await Promise.all([died.stop(), successor.stop()]);
  });

  it("shows on /health as rebuilding, with the shadow's progress, in a process that does not rebuild it", async () => {
    const { name, version } = accountProjection;
    const head = await events.headPosition();
    await reads.apply([], { name, position: head, version: version - 1 });
    await reads.apply([], { name: `${name}__v${version}`, position: 3n });
    const { projections } = await new ProjectionProgress(
      reads,
      events,
      readModelsFor(reportingZones({}), new AccountSearchKey('a-search-key-secret-of-at-least-32-characters')),
      new Metrics(),
    ).health();
    expect(projections.find((projection) => projection.name === name)).toMatchObject({
      state: 'rebuilding',
      rebuild: { from: version - 1, to: version, by: 'elsewhere', position: 3, head: Number(head) },
    });
  });
});
