import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ActorRole } from '@arrears/commands';
import { mintToken } from '../../apps/api/src/auth/mint-token';
import { signingSecretFile } from '../../apps/api/src/auth/signing-secret';
import { openAccountBody } from './support/test-api';

const root = resolve(__dirname, '../..');
const main = join(root, 'dist/apps/api/src/main.js');

interface Service {
  process: ChildProcess;
  url: string;
  output: () => string;
  /** Authorization for a role, signed with the secret the service generated in its DATA_DIR. */
  as: (role: ActorRole) => Promise<Record<string, string>>;
}

/** The built service as a newcomer runs it: its own process, no EVENT_STORE_URL, data under DATA_DIR. */
async function startService(dataDir: string): Promise<Service> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' };
  delete env.EVENT_STORE_URL;
  const child = spawn(process.execPath, [main], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  for (let waited = 0; ; waited += 200) {
    if (child.exitCode !== null) throw new Error(`The service exited early:\n${output}`);
    if (waited > 60_000) throw new Error(`The service did not become healthy:\n${output}`);
    const healthy = await fetch(`${url}/health`).then((r) => r.ok, () => false);
    if (healthy) {
      const secret = (await readFile(signingSecretFile(dataDir), 'utf8')).trim();
      const as = async (role: ActorRole) => ({ authorization: `Bearer ${await mintToken(secret, { id: `e2e-${role}`, role, creditors: '*' })}` });
      return { process: child, url, output: () => output, as };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

function stop(service: Service, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolveExit) => {
    service.process.once('exit', (code) => resolveExit(code));
    service.process.kill(signal);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolvePort) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A command as the `system` role sends it. */
const post = async (service: Service, path: string, body: unknown) =>
  fetch(`${service.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(await service.as('system')) }, body: JSON.stringify(body) });

/** The account's events, as an auditor reads them. */
const events = async (service: Service, accountId: string) => fetch(`${service.url}/accounts/${accountId}/events`, { headers: await service.as('auditor') });

describe('the embedded default (the built service, in its own process)', () => {
  const dataDirs: string[] = [];
  const newDataDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'arrears-service-'));
    dataDirs.push(dir);
    return dir;
  };
  afterAll(async () => {
    for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
  });

  beforeAll(() => {
    if (!existsSync(main)) throw new Error(`${main} is missing: npm test builds it first (npm run build).`);
  });

  it('starts its own PostgreSQL, stops cleanly on SIGTERM and SIGINT, and keeps the data across restarts', async () => {
    const dataDir = await newDataDir();
    const first = await startService(dataDir);
    const health = await (await fetch(`${first.url}/health`)).json();
    expect(health).toMatchObject({ status: 'ok', eventStore: { backend: 'postgres', embedded: true } });
    expect(first.output()).toContain('npm run token -- --role agent');
    expect((await fetch(`${first.url}/accounts/acc-restart/events`)).status).toBe(401);
    expect((await post(first, '/accounts', openAccountBody('acc-restart'))).status).toBe(201);
    expect(await stop(first, 'SIGTERM')).toBe(0);
    expect(first.output()).toContain('Embedded PostgreSQL stopped');
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);

    const second = await startService(dataDir);
    const stream = (await (await events(second, 'acc-restart')).json()) as { events: { type: string }[] };
    expect(stream.events.map((e) => e.type)).toEqual(['AccountOpened']);
    expect(await stop(second, 'SIGINT')).toBe(0);
  });

  it('finishes the requests in flight when told to stop', async () => {
    const service = await startService(await newDataDir());
    expect((await post(service, '/accounts', openAccountBody('acc-busy'))).status).toBe(201);
    const invoice = { invoiceId: 'inv-1', amount: 1_000_000, currency: 'USD', issuedOn: '2026-01-01', dueOn: '2026-01-31' };
    expect((await post(service, '/accounts/acc-busy/invoices', invoice)).status).toBe(201);
    const payments = Array.from({ length: 40 }, (_, i) =>
      post(service, '/accounts/acc-busy/payments', { paymentId: `pay-${i}`, amount: 100, currency: 'USD', receivedOn: '2026-02-10', method: 'card' }).then(
        (response) => response.status,
        () => 'refused',
      ),
    );
    await new Promise((r) => setTimeout(r, 30));
    const exit = stop(service, 'SIGTERM');
    const statuses = await Promise.all(payments);
    expect(await exit).toBe(0);
    // Each request either completed or was never accepted; none failed half-way for want of a database.
    for (const status of statuses) expect([201, 503, 'refused']).toContain(status);
    expect(statuses).toContain(201);
  });

  it('runs two instances with different DATA_DIRs side by side', async () => {
    const started = await Promise.allSettled([startService(await newDataDir()), startService(await newDataDir())]);
    const running = started.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    if (running.length < 2) {
      // One failed to start: stop the other, or it would outlive the run.
      await Promise.all(running.map((service) => stop(service, 'SIGTERM')));
      throw started.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected')?.reason;
    }
    const [a, b] = running as [Service, Service];
    try {
      expect((await post(a, '/accounts', openAccountBody('only-in-a'))).status).toBe(201);
      expect((await events(b, 'only-in-a')).status).toBe(404);
    } finally {
      await Promise.all([stop(a, 'SIGTERM'), stop(b, 'SIGTERM')]);
    }
  });

  it('recovers after being killed outright: the orphaned database is stopped and the data is there', async () => {
    const dataDir = await newDataDir();
    const killed = await startService(dataDir);
    expect((await post(killed, '/accounts', openAccountBody('acc-killed'))).status).toBe(201);
    await stop(killed, 'SIGKILL');
    const revived = await startService(dataDir);
    try {
      expect((await events(revived, 'acc-killed')).status).toBe(200);
    } finally {
      await stop(revived, 'SIGTERM');
    }
  });
});
