import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { ActorRole } from '@arrears/commands';
import { runningEmbeddedPostgres } from '@arrears/platform';
import {
  eventually,
  sleep,
  spawnBuiltService,
  startBuiltService,
  startDatabaseProcess,
  killServiceGroup,
  type BuiltService,
  type DatabaseProcess,
} from './support/built-service';
import { invoiceBody, openAccountBody, testSecretsEnv } from './support/test-api';

const payment = (paymentId: string) => ({ paymentId, amount: 100, currency: 'USD', receivedOn: '2026-02-10', method: 'card' });

/** The pid in a cluster's postmaster.pid. */
const postmasterPid = async (dataDir: string) => Number((await readFile(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0]);

/**
 * Database faults, injected for real into the built service in its own process: its sessions cut,
 * its database stopped, its embedded postmaster killed, its DATA_DIR claimed twice. It degrades to
 * 503s, recovers by itself, and never crashes.
 */
describe('database faults (the built service, in its own process)', () => {
  const dataDirs: string[] = [];
  const services: BuiltService[] = [];
  const newDataDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'arrears-faults-'));
    dataDirs.push(dir);
    return dir;
  };
  const start = async (env: Record<string, string>) => {
    const service = await startBuiltService(env);
    services.push(service);
    return service;
  };
  afterEach(async () => {
    await Promise.all(services.splice(0).map(killServiceGroup));
  });
  afterAll(async () => {
    for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
  });

  it('stays up when its database sessions are terminated mid-request, and serves again at once', async () => {
    const dataDir = await newDataDir();
    const service = await start({ DATA_DIR: dataDir });
    expect((await service.request('/accounts', { body: openAccountBody('acc-cut') })).status).toBe(201);
    expect((await service.request('/accounts/acc-cut/invoices', { body: invoiceBody('inv-1', { amount: 10_000_000 }) })).status).toBe(201);
    const admin = new Client({ connectionString: await runningEmbeddedPostgres(dataDir), application_name: 'e2e-admin' });
    await admin.connect();
    try {
      const { statuses, struck: terminated } = await underLoad(
        service,
        'acc-cut',
        (worker, i) => service.request('/accounts/acc-cut/payments', { body: payment(`pay-${worker}-${i}`) }),
        { admin, signal: 'pg_terminate_backend', rounds: 20, everyMs: 100 },
      );

      expect(terminated).toBeGreaterThan(0);
      expect(service.process.exitCode).toBeNull();
      // Only the requests whose session was cut failed, and as a retryable outage.
      expect(statuses.filter((status) => ![200, 201, 503].includes(status))).toEqual([]);
      expect(statuses).toContain(201);
      expect((await service.request('/accounts/acc-cut/payments', { body: payment('pay-after') })).status).toBe(201);
      expect((await service.request('/accounts/acc-cut/events', { role: 'auditor' })).status).toBe(200);
    } finally {
      await admin.end();
    }
  });

  it('answers 503 with Retry-After, never 500, when an operator cancels its statements or turns the database read-only', async () => {
    const dataDir = await newDataDir();
    const service = await start({ DATA_DIR: dataDir });
    expect((await service.request('/accounts', { body: openAccountBody('acc-cancel') })).status).toBe(201);
    const admin = new Client({ connectionString: await runningEmbeddedPostgres(dataDir), application_name: 'e2e-admin' });
    await admin.connect();
    try {
      // pg_cancel_backend (57014): a statement cut short, the session kept.
      const { statuses, struck: cancelled } = await underLoad(
        service,
        'acc-cancel',
        (worker, i) => service.request('/accounts/acc-cancel/notes', { body: { text: `Note ${worker}-${i}.` }, role: 'agent' }),
        {
          admin,
          signal: 'pg_cancel_backend',
          rounds: 200,
          everyMs: 50,
          activeOnly: true,
          enough: (seen) => seen.filter((status) => status === 503).length >= 3,
        },
      );
      expect(cancelled).toBeGreaterThan(0);
      expect(statuses.filter((status) => ![200, 201, 503].includes(status))).toEqual([]);
      expect(statuses).toContain(503);

      // default_transaction_read_only (25006): an emergency switch, or a session left on a node become read-only.
      await admin.query('ALTER SYSTEM SET default_transaction_read_only = on');
      await admin.query('SELECT pg_reload_conf()');
      await eventually(service, async () => {
        const response = await service.request('/accounts/acc-cancel/notes', { body: { text: 'While read-only.' }, role: 'agent' });
        return response.status === 201 ? undefined : response;
      }).then((response) => expectStoreUnavailable(Promise.resolve(response), 'POST /accounts/acc-cancel/notes, read-only'));
      await admin.query('ALTER SYSTEM RESET default_transaction_read_only');
      await admin.query('SELECT pg_reload_conf()');
      await eventually(service, async () =>
        (await service.request('/accounts/acc-cancel/notes', { body: { text: 'Writable again.' }, role: 'agent' })).status === 201 ? true : undefined,
      );
      expect(service.process.exitCode).toBeNull();
    } finally {
      await admin.end();
    }
  });

  it('answers 503 STORE_UNAVAILABLE with Retry-After while its database is down, stays live, and recovers without a restart', async () => {
    const databaseDir = await newDataDir();
    let database: DatabaseProcess = await startDatabaseProcess(databaseDir);
    try {
      const service = await start({
        DATA_DIR: await newDataDir(),
        ...testSecretsEnv,
        EVENT_STORE_URL: database.url,
        READ_WAIT_MS: '1000',
      });
      const opened = await service.request('/accounts', { body: openAccountBody('acc-down') });
      expect(opened.status).toBe(201);
      const { position } = (await opened.json()) as { position: number };
      await database.stop();

      const commands: [string, unknown, ActorRole][] = [
        ['/accounts', openAccountBody('acc-new'), 'system'],
        ['/accounts/acc-down/invoices', invoiceBody('inv-1'), 'system'],
        ['/accounts/acc-down/payments', payment('pay-1'), 'system'],
        ['/accounts/acc-down/notes', { text: 'Called, no answer.' }, 'agent'],
      ];
      const reads = ['', '/history', '/events', '/state?asOf=2026-03-01T00:00:00Z', '/history/verify'].map((part) => `/accounts/acc-down${part}`);
      reads.push('/worklist', `/accounts/acc-down?minPosition=${position + 1}`, '/kpis?from=2026-01-01&to=2026-01-31');
      for (const [path, body, role] of commands) await expectStoreUnavailable(service.request(path, { body, role }), `POST ${path}`);
      for (const path of reads) await expectStoreUnavailable(service.request(path, { role: 'supervisor' }), `GET ${path}`);
      expect((await fetch(`${service.url}/health/live`)).status).toBe(200);
      await expectStoreUnavailable(fetch(`${service.url}/health/ready`), 'GET /health/ready');
      expect(service.process.exitCode).toBeNull();

      database = await startDatabaseProcess(databaseDir, database.port);
      await eventually(service, async () => ((await fetch(`${service.url}/health/ready`)).status === 200 ? true : undefined));
      expect((await service.request('/accounts/acc-down/payments', { body: payment('pay-2') })).status).toBe(201);
      // The projector resumes after its back-off: the read model catches up without a restart.
      await eventually(service, async () => ((await service.request('/accounts/acc-down', { role: 'supervisor' })).status === 200 ? true : undefined));
    } finally {
      await database.stop();
    }
  });

  it('answers 503 within its query timeout while its database is frozen, and serves again once it thaws, the write retried once', async () => {
    const databaseDir = await newDataDir();
    const database = await startDatabaseProcess(databaseDir);
    try {
      const service = await start({
        DATA_DIR: await newDataDir(),
        ...testSecretsEnv,
        EVENT_STORE_URL: database.url,
        DATABASE_QUERY_TIMEOUT_MS: '1500',
        DATABASE_CONNECT_TIMEOUT_MS: '1500',
        // The frozen request's claim of its Idempotency-Key may land once the database thaws: it lapses after this.
        IDEMPOTENCY_LEASE_MS: '1000',
      });
      const retriedSafely = { 'idempotency-key': 'pay-frozen-key' };
      expect((await service.request('/accounts', { body: openAccountBody('acc-frozen') })).status).toBe(201);
      expect((await service.request('/accounts/acc-frozen/invoices', { body: invoiceBody('inv-1', { amount: 10_000_000 }) })).status).toBe(201);
      await eventually(service, async () => ((await service.request('/accounts/acc-frozen', { role: 'supervisor' })).status === 200 ? true : undefined));

      // Stopped, not killed: its sockets stay open and nothing answers on them, as with a storage stall or a host gone from the network.
      const stopped: number[] = [];
      try {
        await freeze(await postmasterPid(databaseDir), stopped);
        const started = Date.now();
        const answers = [
          ['POST /accounts/acc-frozen/payments', service.request('/accounts/acc-frozen/payments', { body: payment('pay-frozen'), headers: retriedSafely })],
          ['GET /accounts/acc-frozen/events', service.request('/accounts/acc-frozen/events', { role: 'auditor' })],
          ['GET /accounts/acc-frozen', service.request('/accounts/acc-frozen', { role: 'supervisor' })],
          ['GET /worklist', service.request('/worklist', { role: 'supervisor' })],
        ] as const;
        for (const [what, answer] of answers) await expectStoreUnavailable(withinSeconds(10, answer), what);
        expect(Date.now() - started).toBeLessThan(10_000);
        expect((await fetch(`${service.url}/health/live`)).status).toBe(200);
      } finally {
        signal(stopped, 'SIGCONT');
      }

      // The client retries the write it was refused, under the same key: the frozen try's claim of the key, which lands
      // as the database thaws, lapses; the retry is answered, and the payment is recorded once.
      const retried = await eventually(service, async () => {
        const response = await service.request('/accounts/acc-frozen/payments', { body: payment('pay-frozen'), headers: retriedSafely });
        return response.status === 201 ? ((await response.json()) as { position: number }) : undefined;
      });
      const { events } = (await (await service.request('/accounts/acc-frozen/events', { role: 'auditor' })).json()) as {
        events: { type: string; data: { paymentId?: string } }[];
      };
      expect(events.filter((event) => event.data.paymentId === 'pay-frozen').map((event) => event.type)).toEqual(['PaymentReceived']);
      // The projector inside the service backed off and resumes by itself.
      await eventually(service, async () =>
        (await service.request(`/accounts/acc-frozen?minPosition=${retried.position}`, { role: 'supervisor' })).status === 200 ? true : undefined,
      );
    } finally {
      await database.stop();
    }
  });

  it('restarts its embedded PostgreSQL when the postmaster is killed, with the data intact', async () => {
    const dataDir = await newDataDir();
    const service = await start({ DATA_DIR: dataDir });
    expect((await service.request('/accounts', { body: openAccountBody('acc-before') })).status).toBe(201);
    const killed = await postmasterPid(dataDir);
    process.kill(killed, 'SIGKILL');
    const since = Date.now();

    const events = await eventually(service, async () => {
      if ((await postmasterPid(dataDir)) === killed) return undefined;
      const response = await service.request('/accounts/acc-before/events', { role: 'auditor' });
      return response.status === 200 ? ((await response.json()) as { events: { type: string }[] }).events : undefined;
    });
    expect(Date.now() - since).toBeLessThan(15_000);
    expect(events.map((event) => event.type)).toEqual(['AccountOpened']);
    expect((await service.request('/accounts', { body: openAccountBody('acc-after') })).status).toBe(201);
    expect(service.output()).toContain('Embedded PostgreSQL restarted');
  });

  it('exits non-zero, saying why, when its embedded PostgreSQL dies and cannot be restarted', async () => {
    const dataDir = await newDataDir();
    const service = await start({ DATA_DIR: dataDir });
    // Read at the next start only: the running server keeps going, a restarted one refuses to start.
    await appendFile(join(dataDir, 'postgres', 'postgresql.conf'), '\nthis line is not a setting\n');
    process.kill(await postmasterPid(dataDir), 'SIGKILL');
    const code = await Promise.race([service.exited, sleep(30_000).then(() => 'still running')]);
    expect(code).toBe(1);
    expect(service.output()).toContain('did not restart');
  });

  it('never signals a live postgres of another data folder that a stale postmaster.pid names', async () => {
    const otherDir = await newDataDir();
    const other = await startDatabaseProcess(otherDir);
    try {
      const dataDir = await newDataDir();
      await (await startDatabaseProcess(dataDir)).stop();
      // What a crash leaves behind when its pid has since gone to another folder's server.
      await writeFile(join(dataDir, 'postgres', 'postmaster.pid'), `${await postmasterPid(otherDir)}\n${join(dataDir, 'postgres')}\n`);
      const restarted = await startDatabaseProcess(dataDir);
      expect(await answers(restarted.url)).toBe(true);
      await restarted.stop();
      expect(await answers(other.url)).toBe(true);
    } finally {
      await other.stop();
    }
  });

  it('refuses to start on a DATA_DIR that a live instance owns, and leaves that instance running', async () => {
    const dataDir = await newDataDir();
    const first = await start({ DATA_DIR: dataDir });
    const second = await spawnBuiltService({ DATA_DIR: dataDir });
    services.push(second);
    const code = await Promise.race([second.exited, sleep(30_000).then(() => 'still running')]);
    expect(code).toBe(1);
    expect(second.output()).toContain(`DATA_DIR ${dataDir} is in use by another Arrears process (pid ${first.process.pid})`);
    expect((await first.request('/accounts', { body: openAccountBody('acc-first') })).status).toBe(201);
    expect((await first.request('/accounts/acc-first/events', { role: 'auditor' })).status).toBe(200);
  });
});

/**
 * Stops the postmaster (SIGSTOP), so that it forks no more, then its backends, each added to `stopped`
 * as it is stopped: the caller lets them all go on (`signal(stopped, 'SIGCONT')`) whatever happens here.
 */
async function freeze(postmaster: number, stopped: number[]): Promise<void> {
  signal([postmaster], 'SIGSTOP');
  stopped.push(postmaster);
  for (const child of await childrenOf(postmaster)) {
    signal([child], 'SIGSTOP');
    stopped.push(child);
  }
}

/** Sends `name` to each process; one that has exited meanwhile (a finished autovacuum worker) is passed over. */
function signal(pids: number[], name: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }
}

/** The processes whose parent is `parent`, from /proc/<pid>/stat (its fourth field, after the parenthesised name). */
async function childrenOf(parent: number): Promise<number[]> {
  const children: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent) children.push(Number(entry));
  }
  return children;
}

/** The answer, or a failure saying that none came within `seconds`. */
async function withinSeconds(seconds: number, answer: Promise<Response>): Promise<Response> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`No answer within ${seconds} s`));
    }, seconds * 1000);
  });
  try {
    return await Promise.race([answer, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** How a fault strikes the service's database sessions: a signal sent to them every `everyMs`, `rounds` times at most. */
interface Strikes {
  admin: Client;
  signal: 'pg_terminate_backend' | 'pg_cancel_backend';
  rounds: number;
  everyMs: number;
  /** Only sessions running a statement. */
  activeOnly?: boolean;
  /** Stop early once the clients' statuses show enough of the fault. */
  enough?: (statuses: number[]) => boolean;
}

/**
 * Eight clients of the service, each alternating a write (`write`) and a read of the account's events, while the
 * service's sessions are struck: every status the clients got, and how many sessions the signal reached.
 */
async function underLoad(
  service: BuiltService,
  accountId: string,
  write: (worker: number, i: number) => Promise<Response>,
  { admin, signal, rounds, everyMs, activeOnly = false, enough = () => false }: Strikes,
): Promise<{ statuses: number[]; struck: number }> {
  const statuses: number[] = [];
  let busy = true;
  const load = async (worker: number) => {
    for (let i = 0; busy; i++) {
      const response = i % 2 ? await service.request(`/accounts/${accountId}/events`, { role: 'auditor' }) : await write(worker, i);
      statuses.push(response.status);
    }
  };
  const workers = Array.from({ length: 8 }, (_, worker) => load(worker));
  let struck = 0;
  try {
    for (let round = 0; round < rounds && !enough(statuses); round++) {
      await sleep(everyMs);
      const { rows } = await admin.query<{ cut: boolean }>(
        `SELECT ${signal}(pid) AS cut FROM pg_stat_activity WHERE application_name = 'arrears-api'${activeOnly ? " AND state = 'active'" : ''}`,
      );
      struck += rows.filter((row) => row.cut).length;
    }
  } finally {
    busy = false;
  }
  await Promise.all(workers);
  return { statuses, struck };
}

async function expectStoreUnavailable(answer: Promise<Response>, what: string): Promise<void> {
  const response = await answer;
  const body = (await response.json()) as { code?: string };
  expect({ what, status: response.status, code: body.code, type: response.headers.get('content-type') }).toEqual({
    what,
    status: 503,
    code: 'STORE_UNAVAILABLE',
    type: expect.stringMatching(/^application\/problem\+json/),
  });
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
}

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ one: number }>('SELECT 1 AS one')).rows[0]?.one === 1;
  } finally {
    await client.end();
  }
}
