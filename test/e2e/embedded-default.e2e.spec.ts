import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBuiltService, stopService, type BuiltService } from './support/built-service';
import { openAccountBody } from './support/test-api';

/** The built service as a newcomer runs it: its own process, no EVENT_STORE_URL, data under DATA_DIR. */
const startService = (dataDir: string) => startBuiltService({ DATA_DIR: dataDir });

const stop = stopService;

/** Stops the service with `signal`: its exit code, and the end of what it printed when that is not 0, for a failure to say why. */
const exitOf = async (service: BuiltService, signal: NodeJS.Signals) => {
  const code = await stopService(service, signal);
  return code === 0 ? { code } : { code, output: service.output().slice(-4000) };
};

/** A command as the `system` role sends it. */
const post = (service: BuiltService, path: string, body: unknown) => service.request(path, { body });

/** The account's events, as an auditor reads them. */
const events = (service: BuiltService, accountId: string) => service.request(`/accounts/${accountId}/events`, { role: 'auditor' });

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

  it('starts its own PostgreSQL, stops cleanly on SIGTERM and SIGINT, and keeps the data across restarts', async () => {
    const dataDir = await newDataDir();
    const first = await startService(dataDir);
    const health = await (await fetch(`${first.url}/health`)).json();
    expect(health).toMatchObject({ status: 'ok', eventStore: { backend: 'postgres', embedded: true } });
    expect(first.output()).toContain('npm run token -- --role agent');
    expect((await fetch(`${first.url}/accounts/acc-restart/events`)).status).toBe(401);
    expect((await post(first, '/accounts', openAccountBody('acc-restart'))).status).toBe(201);
    expect(await exitOf(first, 'SIGTERM')).toEqual({ code: 0 });
    expect(first.output()).toContain('Embedded PostgreSQL stopped');
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);

    const second = await startService(dataDir);
    const stream = (await (await events(second, 'acc-restart')).json()) as { events: { type: string }[] };
    expect(stream.events.map((e) => e.type)).toEqual(['AccountOpened']);
    expect(await exitOf(second, 'SIGINT')).toEqual({ code: 0 });
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
    const exit = exitOf(service, 'SIGTERM');
    const statuses = await Promise.all(payments);
    expect(await exit).toEqual({ code: 0 });
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
    const [a, b] = running as [BuiltService, BuiltService];
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
