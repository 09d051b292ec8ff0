import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { PostgresEventStore } from '@arrears/event-store';
import { PostgresReadStore, type IndexBuildOptions, type WriteOperation } from '@arrears/read-store';
import { newEvent } from '@arrears/testing';
import { createTestDatabase } from '../../../../test/setup/test-database';
import { closeTestStores, openTestStores } from '../../../../test/setup/test-stores';
import type { ProjectedDocument, Projection } from '../projection';
import { DEAD_LETTERS } from './batch-writes';
import { ProjectionRunner } from './projection-runner';
import { rebuildProjection } from './rebuild';
import type { PoisonPolicy } from './projection-worker';

interface Tally extends ProjectedDocument {
  count: number;
  sum: number;
  label?: string;
}

/**
 * Counts and sums the `Counted` events of each of its streams (named after it); throws on a `Poison`
 * event; a `Counted` event with `label: 'nul'` labels its document, from then on, with a NUL, which
 * PostgreSQL's JSONB refuses to store.
 */
type TallyEvent = { type: 'Counted'; data: { n: number; label?: string } } | { type: 'Poison'; data: Record<string, never> };

const tallies = (name: string): Projection<Tally, TallyEvent> => ({
  name,
  version: 1,
  collection: name,
  indexes: [{ name: 'by_sum', fields: [{ field: 'sum', direction: 'desc' }] }],
  handles: ['Counted', 'Poison'],
  documentIds: (event) => (event.streamId.startsWith(`${name}-`) ? [{ collection: name, id: event.streamId }] : []),
  evolve: ([document], event) => {
    if (event.type === 'Poison') throw new Error('cannot digest this');
    const label = event.data.label === 'nul' ? 'a\u0000b' : document?.label;
    return [{ id: event.streamId, count: (document?.count ?? 0) + 1, sum: (document?.sum ?? 0) + event.data.n, ...(label ? { label } : {}) }];
  },
});

/** What `promise` settles to, or `late` if it has not within five seconds (a build that is never cut short lasts forever). */
async function withinFiveSeconds<T>(promise: Promise<T>, late: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<T>((resolve) => {
    timer = setTimeout(() => {
      resolve(late);
    }, 5_000);
  });
  try {
    return await Promise.race([promise, waited]);
  } finally {
    clearTimeout(timer);
  }
}

/** A stand-in for an index build over a million documents (about a minute): it lasts until `signal` aborts, then fails with `failure`. */
const buildUntilAborted = (signal: AbortSignal | undefined, failure: () => Error) =>
  new Promise<void>((_, reject) => {
    signal?.addEventListener('abort', () => {
      reject(failure());
    });
  });

describe('ProjectionRunner', () => {
  let events: PostgresEventStore;
  let reads: PostgresReadStore;
  beforeAll(async () => ({ events, reads } = await openTestStores()));
  afterAll(() => closeTestStores({ events, reads }));

  const runner = (name: string, poison: PoisonPolicy = 'skip', owner?: string) =>
    new ProjectionRunner(events, reads, [{ projection: tallies(name), poison }], {
      batchSize: 50,
      batchWaitMs: 10,
      retryDelayMs: 20,
      leaseTtlMs: 300,
      ...(owner ? { owner } : {}),
    });
  const count = async (stream: string, values: number[], expectedRevision: bigint | 'no_stream') =>
    events.append(
      stream,
      values.map((n) => newEvent('Counted', { n })),
      { expectedRevision },
    );

  it('catches up from the start, goes live, and resumes from its checkpoint without counting twice', async () => {
    const name = `t_${randomUUID().slice(0, 8)}`;
    const [a, b] = [`${name}-a`, `${name}-b`];
    await count(a, [1, 2, 3], 'no_stream');
    await count(b, [10], 'no_stream');
    const first = runner(name);
    first.start();
    const live = await count(a, [4], 2n);
    expect(await first.waitFor(live.position, 5000)).toBe(true);
    expect(await reads.get(name, a)).toMatchObject({ count: 4, sum: 10, position: Number(live.position) });
    expect(await reads.get(name, b)).toMatchObject({ count: 1, sum: 10 });
    await first.stop();

    const later = await count(b, [20, 30], 0n);
    const second = runner(name);
    second.start();
    expect(await second.waitFor(later.position, 5000)).toBe(true);
    expect(await reads.get(name, a)).toMatchObject({ count: 4, sum: 10 });
    expect(await reads.get(name, b)).toMatchObject({ count: 3, sum: 60 });
    expect(await reads.checkpoint(name)).toBeGreaterThanOrEqual(later.position);
    expect(second.status()).toEqual([expect.objectContaining({ name, state: 'running', parked: 0 })]);
    await second.stop();
  });

  it('finishes the batch it is writing when stopped (as on shutdown), then stops', async () => {
    const name = `t_${randomUUID().slice(0, 8)}`;
    const appended = await count(`${name}-a`, [1, 2, 3], 'no_stream');
    let writing!: () => void;
    let release!: () => void;
    const started = new Promise<void>((resolve) => (writing = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The read store as it is, but the batch's write waits at a gate the test opens.
    const slowReads: PostgresReadStore = Object.assign(Object.create(reads), {
      apply: async (...args: Parameters<PostgresReadStore['apply']>) => {
        if (args[1]?.name === name && args[0].length > 0) {
          writing();
          await gate;
        }
        return reads.apply(...args);
      },
    });
    const projector = new ProjectionRunner(events, slowReads, [{ projection: tallies(name), poison: 'skip' }], {
      batchSize: 50,
      batchWaitMs: 10,
      leaseTtlMs: 300,
    });
    projector.start();
    await started;
    let stopped = false;
    const stopping = projector.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(await reads.checkpoint(name)).toBe(appended.position);
    expect(await reads.get(name, `${name}-a`)).toMatchObject({ count: 3, sum: 6 });
  });

  it('parks an event its projection throws on, and goes on with the others', async () => {
    const name = `t_${randomUUID().slice(0, 8)}`;
    const stream = `${name}-s`;
    await count(stream, [1], 'no_stream');
    const poison = await events.append(stream, [newEvent('Poison')], { expectedRevision: 0n });
    const after = await count(stream, [2], 1n);
    const projector = runner(name);
    projector.start();
    expect(await projector.waitFor(after.position, 5000)).toBe(true);
    expect(await reads.get(name, stream)).toMatchObject({ count: 2, sum: 3 });
    expect(await reads.get(DEAD_LETTERS, `${name}:${poison.position}`)).toMatchObject({
      projection: name,
      eventType: 'Poison',
      error: 'cannot digest this',
    });
    expect(projector.status()[0]).toMatchObject({ state: 'running', parked: 1 });
    await projector.stop();
  });

  it('parks an event whose write the store keeps refusing, and goes on with the rest of the batch and the log', async () => {
    const name = `t_${randomUUID().slice(0, 8)}`;
    const [a, b] = [`${name}-a`, `${name}-b`];
    await count(a, [1], 'no_stream');
    const poison = await events.append(a, [newEvent('Counted', { n: 2, label: 'nul' })], { expectedRevision: 0n });
    await count(b, [10], 'no_stream');
    const after = await count(a, [3], 1n);
    // Under the `stop` policy too: a write refused is not a projection's bug, and must not hold back the others.
    const projector = runner(name, 'stop');
    projector.start();
    expect(await projector.waitFor(after.position, 5000)).toBe(true);
    expect(await reads.get(name, a)).toMatchObject({ count: 2, sum: 4, position: Number(after.position) });
    expect(await reads.get(name, b)).toMatchObject({ count: 1, sum: 10 });
    expect(await reads.get(DEAD_LETTERS, `${name}:${poison.position}`)).toMatchObject({
      projection: name,
      position: Number(poison.position),
      eventType: 'Counted',
      streamId: a,
      status: 'parked',
      error: expect.stringMatching(/unicode/i),
    });
    expect(await reads.find(DEAD_LETTERS, { where: [{ field: 'projection', op: 'eq', value: name }] })).toHaveLength(1);
    expect(projector.status()[0]).toMatchObject({ state: 'running', parked: 1 });
    await projector.stop();
  });

  it('stops promptly when told to while it asks an idle log for its head, before it has subscribed', async () => {
    const name = `t_${randomUUID().slice(0, 8)}`;
    let asked!: () => void;
    const askedForHead = new Promise<void>((resolve) => (asked = resolve));
    const slowHead: PostgresEventStore = Object.assign(Object.create(events) as PostgresEventStore, {
      headPosition: async () => {
        asked();
        await new Promise((resolve) => setTimeout(resolve, 300));
        return events.headPosition();
      },
    });
    const projector = new ProjectionRunner(slowHead, reads, [{ projection: tallies(name), poison: 'skip' }], {
      batchSize: 50,
      batchWaitMs: 10,
      leaseTtlMs: 300,
    });
    projector.start();
    await askedForHead;
    const stopping = Date.now();
    await projector.stop();
    expect(Date.now() - stopping).toBeLessThan(2_000);
  });

  it('stops promptly when told to while it builds its indexes at start: the build is cut short, not waited out', async () => {
    const name = `t_${randomUUID().slice(0, 8)}`;
    let building!: (signal: AbortSignal | undefined) => void;
    const buildStarted = new Promise<AbortSignal | undefined>((resolve) => (building = resolve));
    const longBuild: PostgresReadStore = Object.assign(Object.create(reads) as PostgresReadStore, {
      ensureIndexes: (_collection: string, _indexes: unknown, options?: IndexBuildOptions) => {
        building(options?.signal);
        return buildUntilAborted(options?.signal, () => options?.signal?.reason as Error);
      },
    });
    const projector = new ProjectionRunner(events, longBuild, [{ projection: tallies(name), poison: 'skip' }], {
      batchSize: 50,
      batchWaitMs: 10,
      leaseTtlMs: 300,
    });
    projector.start();
    const signal = await buildStarted;

    const stopped = await withinFiveSeconds(
      projector.stop().then(() => true),
      false,
    );

    expect(stopped).toBe(true);
    expect(signal?.aborted).toBe(true);
  });

  it('stops a projection at a poison event when its policy says so, with the checkpoint just before it', async () => {
    const name = `t_${randomUUID().slice(0, 8)}`;
    const stream = `${name}-s`;
    const before = await count(stream, [5], 'no_stream');
    const poison = await events.append(stream, [newEvent('Poison')], { expectedRevision: 0n });
    await count(stream, [7], 1n);
    const projector = runner(name, 'stop');
    projector.start();
    expect(await projector.waitFor(poison.position, 1000)).toBe(false);
    expect(projector.status()[0]).toMatchObject({ state: 'stopped', position: poison.position - 1n });
    expect(projector.status()[0]?.error).toContain('cannot digest this');
    expect(await reads.get(name, stream)).toMatchObject({ count: 1, sum: 5, position: Number(before.position) });
    expect(await reads.checkpoint(name)).toBe(poison.position - 1n);
    await projector.stop();
  });

  it('lets one instance write a projection at a time: a second waits, and takes over when the first stops', async () => {
    const name = `t_${randomUUID().slice(0, 8)}`;
    const stream = `${name}-s`;
    await count(stream, [1, 2], 'no_stream');
    const first = runner(name, 'skip', 'first');
    const second = runner(name, 'skip', 'second');
    first.start();
    // The first holds the lease before the second asks (started together, either may win it).
    expect(await stateOnceSettled(first)).toBe('running');
    second.start();
    const head = await count(stream, [3], 1n);
    expect(await first.waitFor(head.position, 5000)).toBe(true);
    // The second may still be asking for the lease; once it has its answer it must be waiting.
    expect(await stateOnceSettled(second)).toBe('standby');
    await first.stop();
    const more = await count(stream, [4], 2n);
    expect(await second.waitFor(more.position, 5000)).toBe(true);
    expect(await reads.get(name, stream)).toMatchObject({ count: 4, sum: 10 });
    await second.stop();
  });

  it("refuses a stale instance's checkpoint once another has taken its lease, and counts nothing twice", async () => {
    const name = `t_${randomUUID().slice(0, 8)}`;
    const stream = `${name}-s`;
    const start = await count(stream, [1], 'no_stream');
    const stale = runner(name, 'skip', 'stale');
    stale.start();
    expect(await stale.waitFor(start.position, 5000)).toBe(true);
    const usurper = await reads.acquireLease(name, 'usurper', 60_000, { takeOver: true });
    const unseen = await count(stream, [10], 0n);
    expect(await stale.waitFor(unseen.position, 800)).toBe(false);
    expect(await reads.checkpoint(name)).toBe(start.position);
    expect(stale.status()[0]).toMatchObject({ state: 'standby' });
    await reads.releaseLease(usurper!);
    expect(await stale.waitFor(unseen.position, 5000)).toBe(true);
    expect(await reads.get(name, stream)).toMatchObject({ count: 2, sum: 11 });
    await stale.stop();
  });

  it('rebuilds a projection beside the live one and swaps it in while the live instance keeps running', async () => {
    const name = `t_${randomUUID().slice(0, 8)}`;
    const streams = [`${name}-a`, `${name}-b`];
    await count(streams[0]!, [1, 2, 3], 'no_stream');
    await count(streams[1]!, [10], 'no_stream');
    const live = runner(name, 'skip', 'live');
    live.start();
    // Stopped whatever happens: a runner or a writer left going would keep the test process from ending.
    try {
      const seen = await count(streams[0]!, [4], 2n);
      expect(await live.waitFor(seen.position, 5000)).toBe(true);
      // Damage the live model, as a bug would: the rebuild must bring it back.
      await reads.apply([{ kind: 'put', collection: name, document: { id: streams[0]!, count: 99, sum: -1, position: 999_999 } }]);
      const writing = { on: true };
      const writer = (async () => {
        for (let i = 0; writing.on; i++) await count(streams[1]!, [1], BigInt(i));
      })();
      const rebuilt = await rebuildProjection(
        events,
        reads,
        { projection: tallies(name), poison: 'skip' },
        { batchSize: 50, batchWaitMs: 5, retryDelayMs: 20, leaseTtlMs: 300 },
      ).finally(() => {
        writing.on = false;
        return writer;
      });
      expect(rebuilt.position).toBeGreaterThanOrEqual(seen.position);
      const last = await count(streams[0]!, [5], 3n);
      expect(await live.waitFor(last.position, 5000)).toBe(true);
      expect(await reads.get(name, streams[0]!)).toMatchObject({ count: 5, sum: 15 });
      const b = (await events.readStream(streams[1]!)).length;
      expect(await reads.get(name, streams[1]!)).toMatchObject({ count: b, sum: 10 + (b - 1) });
      expect(await reads.find(`${name}__rebuild`)).toEqual([]);
    } finally {
      await live.stop();
    }
  });

  it('fills the shadow without its indexes, builds them with every document in and nothing writing, then catches up', async () => {
    const name = `t_${randomUUID().slice(0, 8)}`;
    const shadow = `${name}__rebuild`;
    await count(`${name}-a`, [1, 2], 'no_stream');
    await count(`${name}-b`, [3], 'no_stream');
    const asked: { indexes: string[]; documents: number; unwritten: boolean }[] = [];
    let building = false;
    const writesWhileBuilding: WriteOperation[] = [];
    const progress: bigint[] = [];
    const [apply, ensureIndexes] = [reads.apply.bind(reads), reads.ensureIndexes.bind(reads)];
    const spies = [
      jest.spyOn(reads, 'apply').mockImplementation(async (operations, checkpoint) => {
        if (building) writesWhileBuilding.push(...operations.filter((operation) => operation.collection === shadow));
        await apply(operations, checkpoint);
      }),
      jest.spyOn(reads, 'ensureIndexes').mockImplementation(async (collection, indexes, options) => {
        if (collection !== shadow) return ensureIndexes(collection, indexes);
        asked.push({ indexes: indexes.map((index) => index.name), documents: (await reads.find(shadow)).length, unwritten: options?.unwritten ?? false });
        // The rebuild's own build (the next worker's call finds the indexes made).
        if (!indexes.length || asked.length > 2) return ensureIndexes(collection, indexes);
        building = true;
        // An event arrives during the build; a worker still tailing the log would write it within this pause.
        await count(`${name}-a`, [5], 1n);
        await new Promise((resolve) => setTimeout(resolve, 300));
        await ensureIndexes(collection, indexes, options);
        building = false;
      }),
    ];
    try {
      await rebuildProjection(
        events,
        reads,
        { projection: tallies(name), poison: 'skip' },
        { batchSize: 50, batchWaitMs: 5, retryDelayMs: 20, leaseTtlMs: 300, progress: (position) => progress.push(position) },
      );
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    // The build over the full shadow is told nothing writes it: one pass, not a concurrent build's two.
    expect(asked.slice(0, 2)).toEqual([
      { indexes: [], documents: 0, unwritten: false },
      { indexes: ['by_sum'], documents: 2, unwritten: true },
    ]);
    expect(writesWhileBuilding).toEqual([]);
    // Reported as it went, never back to 0 while the next worker has not read its checkpoint yet.
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every((position, i) => i === 0 || position >= progress[i - 1]!)).toBe(true);
    expect(await reads.get(name, `${name}-a`)).toMatchObject({ count: 3, sum: 8 });
    expect(await reads.get(name, `${name}-b`)).toMatchObject({ count: 1, sum: 3 });
  });

  it("cuts its shadow's index build short when the rebuild is called off, rather than wait it out", async () => {
    const name = `t_${randomUUID().slice(0, 8)}`;
    await count(`${name}-a`, [1], 'no_stream');
    const callOff = new AbortController();
    let buildSignal: AbortSignal | undefined;
    const ensureIndexes = reads.ensureIndexes.bind(reads);
    const spy = jest.spyOn(reads, 'ensureIndexes').mockImplementation((collection, indexes, options) => {
      if (collection !== `${name}__rebuild` || !indexes.length) return ensureIndexes(collection, indexes, options);
      buildSignal = options?.signal;
      const build = buildUntilAborted(options?.signal, () => new Error('cut short'));
      callOff.abort();
      return build;
    });
    try {
      const rebuild = rebuildProjection(
        events,
        reads,
        { projection: tallies(name), poison: 'skip' },
        { batchSize: 50, batchWaitMs: 5, leaseTtlMs: 300, signal: callOff.signal },
      );
      const ended = await withinFiveSeconds(
        rebuild.then(
          () => 'rebuilt',
          (error: unknown) => (error as Error).message,
        ),
        'still building',
      );

      expect(ended).toBe(`The rebuild of ${name}__rebuild was called off`);
      expect(buildSignal?.aborted).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('ProjectionRunner when its read store is unreachable', () => {
  const admin = new Client({ connectionString: process.env.ARREARS_TEST_POSTGRES_URL });
  let events: PostgresEventStore;
  let reads: PostgresReadStore;
  let readDatabase: string;
  let readUrl: string;
  beforeAll(async () => {
    await admin.connect();
    events = await PostgresEventStore.connect({ connectionString: await createTestDatabase(), pollIntervalMs: 50 });
    readUrl = await createTestDatabase();
    readDatabase = new URL(readUrl).pathname.slice(1);
    reads = await PostgresReadStore.connect(readUrl);
  });
  afterAll(async () => {
    await admin.query(`ALTER DATABASE ${readDatabase} ALLOW_CONNECTIONS true`);
    await reads.close();
    await events.close();
    await admin.end();
  });

  /** A real outage of the read store's database: its sessions ended, new ones refused. */
  const outage = async () => {
    await admin.query(`ALTER DATABASE ${readDatabase} ALLOW_CONNECTIONS false`);
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [readDatabase]);
  };

  it('waits the outage out with backoff, logs when it starts and when it ends, and parks nothing', async () => {
    const name = `t_${randomUUID().slice(0, 8)}`;
    const stream = `${name}-s`;
    const lines: string[] = [];
    const projector = new ProjectionRunner(events, reads, [{ projection: tallies(name), poison: 'skip' }], {
      batchSize: 50,
      batchWaitMs: 10,
      retryDelayMs: 20,
      maxRetryDelayMs: 200,
      leaseTtlMs: 3000,
      log: (line) => lines.push(line),
    });
    projector.start();
    const first = await events.append(stream, [newEvent('Counted', { n: 1 })], { expectedRevision: 'no_stream' });
    expect(await projector.waitFor(first.position, 5000)).toBe(true);
    await outage();
    const during = await events.append(stream, [newEvent('Counted', { n: 2 }), newEvent('Counted', { n: 3 })], { expectedRevision: 0n });
    // Long enough for many more tries than writeAttempts: an outage must never pass for poison.
    expect(await projector.waitFor(during.position, 2500)).toBe(false);
    await admin.query(`ALTER DATABASE ${readDatabase} ALLOW_CONNECTIONS true`);
    expect(await projector.waitFor(during.position, 5000)).toBe(true);
    expect(await reads.get(name, stream)).toMatchObject({ count: 3, sum: 6 });
    expect(await reads.find(DEAD_LETTERS)).toEqual([]);
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`^Projection ${name}: a store fails \\(.+\\); retrying with backoff$`)),
      expect.stringMatching(new RegExp(`^Projection ${name}: the stores answer again, after \\d+ failed tries$`)),
    ]);
    // With the delays doubling up to 200 ms, 2.5 s of outage take some tens of tries, not the 125 a fixed 20 ms would.
    expect(Number(/after (\d+) failed/.exec(lines[1]!)?.[1])).toBeLessThan(40);
    await projector.stop();
  });

  it('tries an upgrade again when the store goes down during the build of its indexes, and swaps in the whole model with them', async () => {
    const name = `t_${randomUUID().slice(0, 8)}`;
    const stream = `${name}-s`;
    const options = { batchSize: 50, batchWaitMs: 10, retryDelayMs: 20, maxRetryDelayMs: 200, leaseTtlMs: 1000 };
    const first = await events.append(stream, [newEvent('Counted', { n: 1 }), newEvent('Counted', { n: 2 })], { expectedRevision: 'no_stream' });
    const previous = new ProjectionRunner(events, reads, [{ projection: tallies(name), poison: 'skip' }], options);
    previous.start();
    expect(await previous.waitFor(first.position, 5000)).toBe(true);
    await previous.stop();

    const ensureIndexes = reads.ensureIndexes.bind(reads);
    let builds = 0;
    const spy = jest.spyOn(reads, 'ensureIndexes').mockImplementation(async (collection, indexes) => {
      // The outage begins as the shadow's indexes are about to be built, and ends half a second later.
      if (collection === `${name}__v2` && indexes.length && builds++ === 0) {
        await outage();
        setTimeout(() => void admin.query(`ALTER DATABASE ${readDatabase} ALLOW_CONNECTIONS true`), 500);
      }
      await ensureIndexes(collection, indexes);
    });
    const lines: string[] = [];
    const upgraded = new ProjectionRunner(events, reads, [{ projection: { ...tallies(name), version: 2 }, poison: 'skip' }], {
      ...options,
      log: (line) => lines.push(line),
    });
    try {
      upgraded.start();
      const later = await events.append(stream, [newEvent('Counted', { n: 3 })], { expectedRevision: 1n });
      expect(await upgraded.waitFor(later.position, 15_000)).toBe(true);
    } finally {
      spy.mockRestore();
      await upgraded.stop();
    }
    expect(builds).toBeGreaterThan(1);
    expect(lines.some((line) => line.startsWith(`Projection ${name}: its rebuild failed`))).toBe(true);
    expect(await reads.version(name)).toBe(2);
    expect(await reads.get(name, stream)).toMatchObject({ count: 3, sum: 6 });
    expect(await reads.find(`${name}__v2`)).toEqual([]);
    const client = new Client({ connectionString: readUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>('SELECT indexname AS name FROM pg_indexes WHERE tablename = $1', [`rm_${name}`]);
      expect(rows.map((row) => row.name).sort()).toEqual([`rm_${name}_by_sum`, `rm_${name}_pkey`]);
    } finally {
      await client.end();
    }
  });
});

/** A runner's first projection's state once it has left `starting` (its first lease answer), within 5 s. */
async function stateOnceSettled(runner: ProjectionRunner): Promise<string | undefined> {
  const deadline = Date.now() + 5000;
  while (runner.status()[0]?.state === 'starting' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  return runner.status()[0]?.state;
}
