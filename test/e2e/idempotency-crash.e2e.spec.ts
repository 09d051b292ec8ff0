import type { ChildProcess } from 'node:child_process';
import { Pool } from 'pg';
import type { ActorRole } from '@arrears/commands';
import { nameBasedUuid } from '@arrears/platform';
import { mintToken } from '../../apps/api/src/auth/mint-token';
import { createTestDatabase } from '../setup/test-database';
import { startBuiltService } from './support/built-service';
import { closedAfterAll } from './support/closed-after-all';
import { invoiceBody, openAccountBody, paymentBody, testAuthSecret, testSecretsEnv, uniqueId, type ParsedJson } from './support/test-api';
import { until } from './support/until';

interface Service {
  process: ChildProcess;
  post(path: string, body: unknown, role: ActorRole, key?: string): Promise<{ status: number; headers: Headers; body: ParsedJson }>;
}

/**
 * A retry after the process died between a command's append and the storing of its answer gets the
 * answer the first try would have given, and appends nothing more. The built service runs in a child
 * process whose completion is held back (TEST_IDEMPOTENCY_COMPLETION_DELAY_MS), is SIGKILLed once the
 * events are committed, and is started again on the same database for the retry.
 */
describe('a retry after a crash between the append and the stored answer (e2e)', () => {
  let url: string;
  let database: Pool;
  const payment = { accountId: uniqueId('acc'), key: uniqueId('key') };
  const note = { accountId: uniqueId('acc'), key: uniqueId('key') };
  let retried: Service;
  let crashed: Service;
  const closeLater = closedAfterAll();
  const killLater = (service: Service) => closeLater(service, (started) => kill(started.process));

  beforeAll(async () => {
    url = await createTestDatabase();
    database = closeLater(new Pool({ connectionString: url, max: 2 }), (pool) => pool.end());
    crashed = killLater(await startService(url, { TEST_IDEMPOTENCY_COMPLETION_DELAY_MS: '600000' }));
    for (const { accountId } of [payment, note]) {
      expect((await crashed.post('/accounts', openAccountBody(accountId), 'system')).status).toBe(201);
      expect((await crashed.post(`/accounts/${accountId}/invoices`, invoiceBody('inv-1'), 'system')).status).toBe(201);
    }
    // Neither answer comes: each request holds between its append and its stored answer.
    const unanswered = [
      crashed.post(`/accounts/${payment.accountId}/payments`, paymentBody('pay-1', 5_000), 'system', payment.key),
      crashed.post(`/accounts/${note.accountId}/notes`, { text: 'Called, left a message.' }, 'agent', note.key),
    ];
    for (const request of unanswered) request.catch(() => undefined);
    await until(async () => (await events(payment.accountId)).length === 3 && (await events(note.accountId)).length === 3);
    await kill(crashed.process);
    retried = killLater(await startService(url));
  }, 120_000);

  const events = async (accountId: string) =>
    (
      await database.query<{ event_id: string; type: string; revision: string; position: string }>(
        'SELECT event_id, type, revision, position FROM events WHERE stream_id = $1 ORDER BY revision',
        [`account-${accountId}`],
      )
    ).rows;

  /** Retries until the dead request's hold on the key (IDEMPOTENCY_LEASE_MS) has run out. */
  async function retry(send: () => ReturnType<Service['post']>): ReturnType<Service['post']> {
    for (;;) {
      const response = await send();
      if (response.body?.code !== 'IDEMPOTENCY_REQUEST_IN_PROGRESS') return response;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it('answers a payment’s retry 201 with the allocation the first try recorded, and records the payment once', async () => {
    const stored = await events(payment.accountId);
    const send = () => retried.post(`/accounts/${payment.accountId}/payments`, paymentBody('pay-1', 5_000), 'system', payment.key);
    const response = await retry(send);
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      accountId: payment.accountId,
      revision: 2,
      position: Number(stored[2]?.position),
      paymentId: 'pay-1',
      allocations: [{ invoiceId: 'inv-1', amount: 5_000 }],
      installmentAllocations: [],
      credited: 0,
      discounts: [],
      installmentsPaid: [],
      planCompleted: false,
      accountReopened: false,
    });
    expect(response.headers.get('etag')).toBe('"2"');
    expect(response.headers.get('idempotent-replayed')).toBeNull();
    // Now stored: the next retry is a plain replay of the same answer.
    const again = await send();
    expect([again.status, again.body, again.headers.get('idempotent-replayed')]).toEqual([201, response.body, 'true']);
    expect((await events(payment.accountId)).map((event) => event.type)).toEqual(['AccountOpened', 'InvoiceIssued', 'PaymentReceived']);
  });

  it('answers a note’s retry 201 with the receipt of the note already added, and adds it once', async () => {
    const stored = await events(note.accountId);
    expect(stored[2]?.event_id).toBe(nameBasedUuid(`test-agent:${note.key}|account-${note.accountId}|0`));
    const response = await retry(() => retried.post(`/accounts/${note.accountId}/notes`, { text: 'Called, left a message.' }, 'agent', note.key));
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ accountId: note.accountId, revision: 2, position: Number(stored[2]?.position) });
    expect((await events(note.accountId)).map((event) => event.type)).toEqual(['AccountOpened', 'InvoiceIssued', 'NoteAdded']);
  });
});

async function startService(databaseUrl: string, env: Record<string, string> = {}): Promise<Service> {
  const service = await startBuiltService({
    EVENT_STORE_URL: databaseUrl,
    ...testSecretsEnv,
    LOG_LEVEL: 'error',
    RUN_PROJECTOR: 'false',
    IDEMPOTENCY_LEASE_MS: '1000',
    ...env,
  });
  return {
    process: service.process,
    async post(path, body, role, key) {
      const token = await mintToken(testAuthSecret, { id: `test-${role}`, role, creditors: '*' }, '1h');
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        ...(key ? { 'idempotency-key': key } : {}),
      };
      const response = await fetch(`${service.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
    },
  };
}

function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => {
      done();
    });
    child.kill('SIGKILL');
  });
}
