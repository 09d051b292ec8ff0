import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import type { Pool } from 'pg';
import { createTestDatabase } from '../../../../test/setup/test-database';
import { postgresClient, postgresPool, releaseAfter, rollBackAndRelease, setUpOrEnded, unboundedStatement } from './postgres-pool';
import { isStoreUnavailable } from './store-unavailable';

describe('postgresPool', () => {
  it('is ended when the set-up of the store it was made for fails, and the failure is thrown', async () => {
    const pool = postgresPool(await createTestDatabase(), 2);
    await pool.query('SELECT 1');
    expect(pool.totalCount).toBe(1);

    await expect(setUpOrEnded(pool, () => pool.query('SELECT * FROM no_such_table'))).rejects.toThrow('no_such_table');
    expect([pool.ended, pool.totalCount]).toEqual([true, 0]);
  });

  describe('idle connections', () => {
    let pool: Pool;
    /** The backends serving `count` queries at once, each held long enough that none is reused. */
    const backendsOf = async (count: number) =>
      new Set(
        await Promise.all(
          Array.from({ length: count }, async () => (await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid, pg_sleep(0.05)')).rows[0]?.pid),
        ),
      );

    beforeEach(async () => {
      const url = await createTestDatabase();
      // Timers faked before the pool opens anything: an idle timeout would be one of them. I/O stays real.
      jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
      pool = postgresPool(url, 3);
    });
    afterEach(async () => {
      jest.useRealTimers();
      await pool.end();
    });

    it('keeps the connections a burst opened, however long they stay idle', async () => {
      const burst = await backendsOf(3);
      expect(burst.size).toBe(3);

      // An hour idle: pg's default would have closed them after 10 s, and the next burst would open new ones.
      jest.advanceTimersByTime(60 * 60 * 1000);

      expect(pool.totalCount).toBe(3);
      expect(await backendsOf(3)).toEqual(burst);
    });
  });

  describe('statements past the query timeout', () => {
    let pool: Pool;
    beforeEach(async () => {
      pool = postgresPool(await createTestDatabase(), 2, { queryTimeoutMs: 300 });
    });
    afterEach(async () => {
      await pool.end();
    });
    const failureOf = (work: Promise<unknown>) =>
      work.then(
        () => undefined,
        (error: unknown) => error,
      );

    it('fail as an outage once the timeout passes, without waiting for the answer', async () => {
      const started = Date.now();
      const error = await failureOf(pool.query('SELECT pg_sleep(5)'));

      expect(isStoreUnavailable(error)).toBe(true);
      expect(String(error)).toMatch(/Query read timeout: no answer from PostgreSQL within 300 ms/);
      expect(Date.now() - started).toBeLessThan(2_000);
      // The pool dropped the connection whose statement still runs: the next query is answered at once.
      expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      expect(Date.now() - started).toBeLessThan(2_000);
    });

    it('are dropped with their client when released after the timeout, and kept after any other error', async () => {
      const timedOut = await pool.connect();
      releaseAfter(timedOut, await failureOf(timedOut.query('SELECT pg_sleep(5)')));
      expect(pool.totalCount).toBe(0);

      const refused = await pool.connect();
      releaseAfter(refused, await failureOf(refused.query('SELECT 1/0')));
      expect(pool.totalCount).toBe(1);
    });

    it('end their transaction by dropping the client, and any other failure by a ROLLBACK that keeps it', async () => {
      await pool.query('CREATE TABLE IF NOT EXISTS rolled (n int)');
      const refused = await pool.connect();
      await refused.query('BEGIN');
      await refused.query('INSERT INTO rolled VALUES (1)');
      await rollBackAndRelease(refused, await failureOf(refused.query('SELECT 1/0')));
      expect(pool.totalCount).toBe(1);
      expect((await pool.query('SELECT count(*)::int AS n FROM rolled')).rows).toEqual([{ n: 0 }]);

      const timedOut = await pool.connect();
      await timedOut.query('BEGIN');
      const started = Date.now();
      await rollBackAndRelease(timedOut, await failureOf(timedOut.query('SELECT pg_sleep(5)')));
      // No ROLLBACK sent to wait behind the sleeping statement: the session's end rolls back.
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(pool.totalCount).toBe(0);
    });

    it('ask the server, before anyone uses a new connection, to end a statement whose client has left', async () => {
      const client = await pool.connect();
      // Answered before the pool handed the connection over: nothing of the pool's own waits ahead of the caller's first statement.
      const { _activeQuery, _queryQueue } = client as unknown as { _activeQuery: unknown; _queryQueue: unknown[] };
      expect([_activeQuery, _queryQueue]).toEqual([null, []]);
      expect((await client.query('SHOW client_connection_check_interval')).rows).toEqual([{ client_connection_check_interval: '1s' }]);
      releaseAfter(client);
    });

    it('let a statement answered just within the bound through', async () => {
      // A longer bound than the others', so that 30 % of it is room for a stall of the machine under a full test
      // run (a 180 ms sleep under 300 ms was cut once), and the sleep still 70 % of it.
      const patient = postgresPool(await createTestDatabase(), 1, { queryTimeoutMs: 1_000 });
      try {
        await expect(patient.query('SELECT true AS answered FROM pg_sleep(0.7)')).resolves.toMatchObject({ rows: [{ answered: true }] });
      } finally {
        await patient.end();
      }
    });

    it('bound each statement, not a connection busy with many that each answer in time', async () => {
      const client = await pool.connect();
      // Released whatever happens: a connection held past a failure would keep the pool from ending.
      try {
        const started = Date.now();
        // Each a sixth of the bound, so that a stall of the machine under a full test run does not cut one.
        for (let statement = 0; statement < 14; statement++) await client.query('SELECT pg_sleep(0.05)');

        expect(Date.now() - started).toBeGreaterThan(600); // twice the bound, and nothing cut
      } finally {
        releaseAfter(client);
      }
      expect(pool.totalCount).toBe(1);
    });

    it('bound a single connection too, such as the one that listens for new events', async () => {
      const url = await createTestDatabase();
      const client = postgresClient(url, { queryTimeoutMs: 300 });
      await client.connect();
      try {
        const started = Date.now();

        expect(isStoreUnavailable(await failureOf(client.query('SELECT pg_sleep(5)')))).toBe(true);
        expect(Date.now() - started).toBeLessThan(2_000);
      } finally {
        await client.end().catch(() => undefined);
      }
    });

    it('never cut short a schema change, which may rightly run long', async () => {
      await expect(pool.query(unboundedStatement('SELECT true AS slept FROM pg_sleep(0.6)'))).resolves.toMatchObject({ rows: [{ slept: true }] });
    });
  });

  describe('over TCP', () => {
    let server: Server;
    let accepted: Promise<Socket>;

    beforeEach(async () => {
      // A listener that takes the connection and never answers: the socket's own settings are what is looked at.
      server = createServer();
      accepted = new Promise((resolve) => server.once('connection', resolve));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });
    afterEach(async () => {
      (await accepted).destroy();
      await new Promise((resolve) => server.close(resolve));
    });

    it('probes an idle connection with TCP keepalive within a minute, so that a NAT or firewall keeps its flow', async () => {
      const { port } = server.address() as { port: number };
      const pool = postgresPool(`postgres://arrears:secret@127.0.0.1:${port}/arrears`, 1, { connectTimeoutMs: 5_000 });
      const connecting = pool.connect().catch(() => undefined);
      const socket = await accepted;
      // The startup message comes once the client has connected, and so once it has set up its socket.
      await once(socket, 'data');

      const timer = await keptAliveTimerOf(socket.remotePort ?? 0);
      expect(timer.kind).toBe('keepalive');
      expect(timer.seconds).toBeLessThanOrEqual(60);

      socket.destroy(); // the connection attempt fails at once rather than at its timeout
      await connecting;
      await pool.end();
    });
  });
});

/**
 * The timer the kernel runs on the loopback socket bound to `port`, from /proc/net/tcp: 2 is keepalive,
 * its delay in hundredths of a second. Read again while the startup message still awaits its ACK (1).
 */
async function keptAliveTimerOf(port: number): Promise<{ kind: string; seconds: number }> {
  const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  for (let look = 0; ; look++) {
    const row = readFileSync('/proc/net/tcp', 'utf8')
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .find((fields) => fields[1] === local);
    const [timer = '', delay = ''] = (row?.[5] ?? '').split(':');
    if (timer !== '01' || look === 50) return { kind: timer === '02' ? 'keepalive' : `timer ${timer}`, seconds: parseInt(delay, 16) / 100 };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
