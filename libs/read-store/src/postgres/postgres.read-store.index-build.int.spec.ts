import { createServer, connect, type Server } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { postgresClient, postgresPool } from '@arrears/platform';
import { createTestDatabase } from '../../../../test/setup/test-database';
import type { IndexSpec } from '../read-store.port';
import { IndexBuilds, indexBuildLocks, indexWatchMs } from './postgres.index-builds';
import { PostgresReadStore } from './postgres.read-store';

const byScore: IndexSpec = { name: 'by_score', fields: [{ field: 'score', direction: 'desc' }] };

describe('PostgreSQL read store: indexes built on a live model', () => {
  let url: string;
  let store: PostgresReadStore;
  let client: Client;
  beforeAll(async () => {
    url = await createTestDatabase();
    store = await PostgresReadStore.connect(url);
    client = new Client({ connectionString: url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await store.close();
  });

  /** A model of `rows` documents, written straight into its table: a build over it takes a while. */
  const model = async (collection: string, rows: number) => {
    await store.ensureIndexes(collection, []);
    await client.query(
      `INSERT INTO rm_${collection} (id, doc) SELECT 'd' || n, jsonb_build_object('position', n, 'score', md5(n::text)) FROM generate_series(1, $1) AS n`,
      [rows],
    );
  };
  const indexState = async (name: string) =>
    (await client.query<{ valid: boolean }>('SELECT indisvalid AS valid FROM pg_index WHERE indexrelid = to_regclass($1)', [name])).rows[0];
  /** Whether a session is building an index of `table`, past making its catalog entry (PostgreSQL's progress view shows it). */
  const building = async (table: string) =>
    Boolean(
      (
        await client.query(
          `SELECT 1 FROM pg_stat_progress_create_index WHERE datname = current_database() AND relid = to_regclass($1) AND phase LIKE 'building index%'`,
          [table],
        )
      ).rowCount,
    );
  const buildStarted = async (table: string) => {
    for (let waited = 0; waited < 10_000; waited += 5) {
      if (await building(table)) return;
      await sleep(5);
    }
    throw new Error(`No index build of ${table} started.`);
  };

  it('takes writes while it builds an index: a put made during the build is stored before the build ends', async () => {
    await model('live', 300_000);
    const build = store.ensureIndexes('live', [byScore]);
    await buildStarted('rm_live');

    await store.apply([{ kind: 'put', collection: 'live', document: { id: 'new', position: 1, score: 'zzz' } }]);
    const storedDuringTheBuild = await building('rm_live');
    await build;

    expect(storedDuringTheBuild).toBe(true);
    expect(await indexState('rm_live_by_score')).toEqual({ valid: true });
    expect(await store.get('live', 'new')).toMatchObject({ score: 'zzz' });
  });

  /** A concurrent build of `rm_<collection>_by_score` by `builder`, cancelled once under way: it leaves the index invalid. */
  const cutShort = async (builder: Client, collection: string) => {
    const { rows } = await builder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const build = builder
      .query(`CREATE INDEX CONCURRENTLY rm_${collection}_by_score ON rm_${collection} ((doc->>'score') DESC)`)
      .catch((error: unknown) => error);
    await buildStarted(`rm_${collection}`);
    await client.query('SELECT pg_cancel_backend($1)', [rows[0]?.pid]);
    expect(await build).toMatchObject({ code: '57014' });
    expect(await indexState(`rm_${collection}_by_score`)).toEqual({ valid: false });
  };
  const connected = async () => {
    const session = new Client({ connectionString: url });
    await session.connect();
    return session;
  };

  it('builds again an index that a build cut short left invalid', async () => {
    await model('cut', 100_000);
    const builder = await connected();
    await cutShort(builder, 'cut').finally(() => builder.end());

    await store.ensureIndexes('cut', [byScore]);

    expect(await indexState('rm_cut_by_score')).toEqual({ valid: true });
  });

  it('leaves an index to the session building it, and builds it again once that session ends having left it invalid', async () => {
    await model('left', 100_000);
    const builder = await connected();
    try {
      await builder.query('SELECT pg_advisory_lock($1, hashtext($2))', [indexBuildLocks, 'rm_left_by_score']);
      await cutShort(builder, 'left');

      await store.ensureIndexes('left', [byScore]);
      expect(await indexState('rm_left_by_score')).toEqual({ valid: false });
    } finally {
      // The builder's process dies: its session, and with it the lock, ends.
      await builder.end();
    }

    for (let waited = 0; waited < 10 * indexWatchMs && !(await indexState('rm_left_by_score'))?.valid; waited += 50) await sleep(50);
    expect(await indexState('rm_left_by_score')).toEqual({ valid: true });
  });

  it('cuts a build short when its signal aborts, leaving the index invalid for the next build to make', async () => {
    await model('stopping', 300_000);
    const stop = new AbortController();
    const build = store.ensureIndexes('stopping', [byScore], { signal: stop.signal });
    await buildStarted('rm_stopping');

    stop.abort(new Error('stopping'));

    await expect(build).rejects.toThrow('stopping');
    expect(await building('rm_stopping')).toBe(false);
    expect(await indexState('rm_stopping_by_score')).toEqual({ valid: false });
    await store.ensureIndexes('stopping', [byScore]);
    expect(await indexState('rm_stopping_by_score')).toEqual({ valid: true });
  });

  it('builds concurrently an index it took over from a session that ended, and cuts that build short when it closes', async () => {
    await model('closing', 300_000);
    const closing = await PostgresReadStore.connect(url);
    let closed = false;
    try {
      const builder = await connected();
      try {
        await builder.query('SELECT pg_advisory_lock($1, hashtext($2))', [indexBuildLocks, 'rm_closing_by_score']);
        await cutShort(builder, 'closing');
        // Asked for in one pass, as a rebuild asks for its shadow's: by the time the watch builds it, anyone may write.
        await closing.ensureIndexes('closing', [byScore], { unwritten: true });
      } finally {
        await builder.end();
      }
      await buildStarted('rm_closing');
      const { rows } = await client.query<{ command: string }>('SELECT command FROM pg_stat_progress_create_index WHERE relid = to_regclass($1)', [
        'rm_closing',
      ]);
      expect(rows).toEqual([{ command: 'CREATE INDEX CONCURRENTLY' }]);

      await closing.close();
      closed = true;
    } finally {
      if (!closed) await closing.close();
    }

    expect(await building('rm_closing')).toBe(false);
    expect(await indexState('rm_closing_by_score')).toEqual({ valid: false });
  });

  it('tells of each failed try to build an index it watches, tries again later, and tells once the index is valid', async () => {
    await model('failing', 10_000);
    const warnings: string[] = [];
    const builder = await connected();
    try {
      await builder.query('SELECT pg_advisory_lock($1, hashtext($2))', [indexBuildLocks, 'rm_failing_by_score']);
      await store.ensureIndexes('failing', [byScore], { warn: (message) => warnings.push(message) });
      // A table that holds the index's name: no build can make it until that table goes.
      await client.query('CREATE TABLE rm_failing_by_score (id int)');
    } finally {
      await builder.end();
    }

    for (let waited = 0; waited < 5 * indexWatchMs && warnings.length === 0; waited += 50) await sleep(50);
    expect(warnings).toEqual([expect.stringMatching(/^Building the index rm_failing_by_score failed \(.*is not an index\); tried again in about 4 s\.$/)]);

    await client.query('DROP TABLE rm_failing_by_score');
    // Told once the build has returned, a moment after its index is valid: waited for by what is told.
    const valid = (message: string | undefined) => message?.startsWith('The index rm_failing_by_score is valid');
    for (let waited = 0; waited < 10 * indexWatchMs && !valid(warnings.at(-1)); waited += 50) await sleep(50);
    expect(await indexState('rm_failing_by_score')).toEqual({ valid: true });
    expect(warnings.at(-1)).toMatch(/^The index rm_failing_by_score is valid, after \d+ failed tr(y|ies) to build it\.$/);
  });

  it('looks again at every watch while another session holds the lock, and builds the index soon after that session ends', async () => {
    await model('held', 10_000);
    const builder = await connected();
    let released: number;
    try {
      await builder.query('SELECT pg_advisory_lock($1, hashtext($2))', [indexBuildLocks, 'rm_held_by_score']);
      await store.ensureIndexes('held', [byScore]);
      // Held over three looks: a lock held is no failure, and the next look still comes one watch later.
      await sleep(3 * indexWatchMs + 500);
    } finally {
      await builder.end();
      released = Date.now();
    }

    for (let waited = 0; waited < 10 * indexWatchMs && !(await indexState('rm_held_by_score'))?.valid; waited += 50) await sleep(50);
    expect(await indexState('rm_held_by_score')).toEqual({ valid: true });
    expect(Date.now() - released).toBeLessThan(indexWatchMs + 1_500);
  });

  /**
   * A build over `collection`'s 300,000 documents whose cancels go through a `statement` cutter, aborted once under
   * way: the expectations are given the build, and the cancels' connections opened and closed.
   */
  const abortedBuild = async (
    collection: string,
    statement: 'cut' | 'hold',
    expectations: (build: Promise<void>, cancels: { opened: Set<Client>; closed: Set<Client> }) => Promise<void>,
  ) => {
    await model(collection, 300_000);
    const cutter = await connectionCutter(url, statement);
    const pool = postgresPool(url, 2);
    const cancels = { opened: new Set<Client>(), closed: new Set<Client>() };
    const builds = new IndexBuilds(pool, () => {
      const cancel = postgresClient(cutter.url);
      cancels.opened.add(cancel);
      cancel.once('end', () => cancels.closed.add(cancel));
      return cancel;
    });
    const stop = new AbortController();
    try {
      const table = `rm_${collection}`;
      const build = builds.ensure({ name: `${table}_by_score`, table, definition: `ON ${table} ((doc->>'score'))`, concurrently: '' }, { signal: stop.signal });
      await buildStarted(table);
      stop.abort(new Error('stopping'));
      await expectations(build, cancels);
    } finally {
      await builds.stop();
      await pool.end();
      await cutter.close();
    }
  };

  it('ends a build at once when its cancel waits on a server that does not answer it, that cancel cut short', () =>
    abortedBuild('unanswered', 'hold', async (build, { opened, closed }) => {
      // The cancel never reaches the server, and never hears back: the build runs to its end, and ends with its cancel.
      await expect(build).resolves.toBeUndefined();
      // Ended then, and closed a moment after (a socket tells its close on a later tick).
      for (let waited = 0; waited < 1_000 && closed.size < opened.size; waited += 10) await sleep(10);
      expect(opened.size).toBeGreaterThan(0);
      expect(closed.size).toBe(opened.size);
    }));

  it('stops a build whose cancels lose their connection (the server stopping) without a fault, and sends no cancel once the build has ended', () =>
    abortedBuild('unreached', 'cut', async (build, { opened }) => {
      // No cancel reaches the server: the build runs to its end, each cancel's session cut under it.
      await expect(build).resolves.toBeUndefined();
      const sent = opened.size;
      expect(sent).toBeGreaterThan(0);
      await sleep(1_000); // two cancels' interval
      expect(opened.size).toBe(sent);
    }));
});

/**
 * A way to the database that, once a session is set up, cuts its connection when its first statement is sent (a server
 * stopping under a session, as the embedded one does at a process's end), or holds that statement unanswered for good.
 */
async function connectionCutter(url: string, statement: 'cut' | 'hold'): Promise<{ url: string; close: () => Promise<void> }> {
  const target = new URL(url);
  // The test server listens on a socket in its folder (the URL's host), or on a TCP port when that path is too long.
  const host = decodeURIComponent(target.hostname);
  const serverAddress = host.startsWith('/') ? { path: `${host}/.s.PGSQL.${target.port}` } : { host, port: Number(target.port) };
  const server: Server = createServer((client) => {
    const upstream = connect(serverAddress);
    for (const socket of [client, upstream]) socket.on('error', () => undefined);
    client.on('close', () => upstream.destroy());
    upstream.pipe(client);
    let statementSent = false;
    client.on('data', (chunk: Buffer) => {
      // 'P' (parse) or 'Q' (query): a statement, past the startup and password messages. What follows it stays too.
      statementSent ||= chunk[0] === 0x50 || chunk[0] === 0x51;
      if (!statementSent) upstream.write(chunk);
      else if (statement === 'cut') client.destroy();
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as { port: number };
  const through = new URL(url);
  through.hostname = '127.0.0.1';
  through.port = String(port);
  return {
    url: through.toString(),
    close: () =>
      new Promise((closed) =>
        server.close(() => {
          closed();
        }),
      ),
  };
}
