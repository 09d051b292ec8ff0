import { createHmac, timingSafeEqual } from 'node:crypto';
import { PostgresEventStore } from '@arrears/event-store';
import { WebhookReceiver } from '../../bench/webhook-receiver';
import { closedAfterAll } from './support/closed-after-all';
import { as, invoiceBody, openAccountBody, paymentBody, startTestApi, uniqueId, type TestApi } from './support/test-api';
import { appendUnopenable } from './support/unopenable-events';
import { until } from './support/until';

/** What a receiver gets, as docs/webhooks.md describes it. */
interface Payload {
  id: string;
  type: string;
  accountId: string;
  creditorId: string;
  revision: number;
  position: number;
  recordedAt: string;
  data: Record<string, unknown> & { debtor?: Record<string, unknown> };
}

/** What `read` gives once `done` holds, asking again every 50 ms for at most 10 s. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let tries = 0; tries < 200; tries++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('The condition did not hold within 10 s');
}

/** A receiver's check of the signature, as docs/webhooks.md shows it. */
function verified(secret: string, header: string, body: string): boolean {
  const parts = new Map(header.split(',').map((part) => part.split('=') as [string, string]));
  const expected = createHmac('sha256', secret)
    .update(`${parts.get('t')}.${body}`)
    .digest();
  const given = Buffer.from(parts.get('v1') ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Webhooks out, against a receiver on this machine: the real service on embedded PostgreSQL, its
 * delivery running as in `npm start`, with short retry delays so outages last seconds, not minutes.
 */
describe('webhooks out', () => {
  const closing = closedAfterAll();
  let api: TestApi;
  const env = {
    WEBHOOK_POLL_MS: '50',
    WEBHOOK_RETRY_BASE_MS: '20',
    WEBHOOK_RETRY_MAX_MS: '100',
    WEBHOOK_TIMEOUT_MS: '300',
    WEBHOOK_MAX_ATTEMPTS: '40',
    WEBHOOK_LEASE_MS: '5000',
  };
  beforeAll(async () => {
    api = closing(await startTestApi({ env }), (app) => app.close());
  });

  const receiver = async () => closing(await WebhookReceiver.start(), (started) => started.stop());

  /** An account of the creditor, opened, with an invoice and `payments` payments: 2 + payments events. */
  const account = async (creditorId: string, payments = 0): Promise<string> => {
    const accountId = uniqueId('acc');
    expect((await api.post('/accounts', openAccountBody(accountId, creditorId))).status).toBe(201);
    expect((await api.post(`/accounts/${accountId}/invoices`, invoiceBody('inv-1'))).status).toBe(201);
    for (let n = 1; n <= payments; n++) expect((await api.post(`/accounts/${accountId}/payments`, paymentBody(`pay-${n}`, 100))).status).toBe(201);
    return accountId;
  };

  const subscribe = async (url: string, creditorId: string, extra: Record<string, unknown> = {}, role: 'supervisor' | 'system' = 'system') => {
    const created = await api.post('/webhooks', { url, eventTypes: ['*'], creditorIds: [creditorId], ...extra }, await as(role, `${role}-1`, [creditorId]));
    expect(created.status).toBe(201);
    return created.body as { id: string; secret: string };
  };

  const ofAccount = (received: WebhookReceiver, accountId: string) => received.delivered<Payload>().filter((payload) => payload.accountId === accountId);

  it('POSTs each event of the subscribed creditor, signed with the secret, in log order, and none of another creditor', async () => {
    const creditorId = uniqueId('cred');
    const receiving = await receiver();
    const { id, secret } = await subscribe(receiving.url, creditorId);
    const ours = await account(creditorId, 2);
    const theirs = await account(uniqueId('cred'), 2);
    await receiving.until(() => ofAccount(receiving, ours).length === 4);

    const payloads = receiving.delivered<Payload>();
    expect(payloads.every((payload) => payload.creditorId === creditorId)).toBe(true);
    expect(ofAccount(receiving, theirs)).toEqual([]);
    expect(payloads.map((payload) => payload.type)).toEqual(['AccountOpened', 'InvoiceIssued', 'PaymentReceived', 'PaymentReceived']);
    expect(payloads.map((payload) => payload.revision)).toEqual([0, 1, 2, 3]);
    const positions = payloads.map((payload) => payload.position);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(payloads[2]).toMatchObject({ accountId: ours, creditorId, data: { paymentId: 'pay-1', amount: 100, currency: 'USD' } });
    for (const { headers, body } of receiving.received) {
      expect(verified(secret, headers['arrears-signature'] as string, body)).toBe(true);
      expect(verified('whsec_another', headers['arrears-signature'] as string, body)).toBe(false);
      expect(headers['arrears-event-id']).toBe(JSON.parse(body).id);
    }
    // Without the right to personal data, the debtor comes without it.
    expect(payloads[0]?.data.debtor).toEqual({ reference: 'D-100', timeZone: 'America/New_York', personalDataWithheld: true });
    expect(receiving.received.map(({ body }) => body).join()).not.toMatch(/Ada|Lovelace|ada@example|Analytical/);

    // The status is stored once the batch the events came in is done, a moment after the receiver has them.
    const system = await as('system', 'system-1', [creditorId]);
    const status = await eventually(
      () => api.get(`/webhooks/${id}`, system),
      (answer) => answer.status !== 200 || answer.body.delivery.delivered >= 4,
    );
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ id, url: receiving.url, eventTypes: ['*'], creditorIds: [creditorId], personalData: false });
    expect(status.body).not.toHaveProperty('secret');
    expect(status.body.delivery).toMatchObject({ delivered: 4, attempts: 0, deadLetters: 0 });
    const metrics = (await api.get('/metrics', await as('system'))).body as string;
    expect(metrics).toMatch(/^arrears_webhook_tries_total\{outcome="delivered"\} \d+$/m);
    expect(metrics).toContain(`arrears_webhook_behind_positions{webhook="${id}"}`);
  });

  it('retries after 500s, timeouts and redirects, then delivers, each account’s events still in order', async () => {
    const creditorId = uniqueId('cred');
    const receiving = await receiver();
    // A redirect is not followed: it is a failed try like any answer but a 2xx.
    const answers: ('hang' | number)[] = [500, 'hang', 302, 503, 'hang'];
    receiving.answer = () => answers.shift() ?? 200;
    await subscribe(receiving.url, creditorId);
    const first = await account(creditorId, 1);
    const second = await account(creditorId, 1);
    await receiving.until(() => ofAccount(receiving, first).length === 3 && ofAccount(receiving, second).length === 3);

    for (const accountId of [first, second]) expect(ofAccount(receiving, accountId).map((payload) => payload.revision)).toEqual([0, 1, 2]);
    expect(receiving.received.filter(({ status }) => status !== 200).length).toBe(5);
  });

  it('catches up, in order, once a receiver that was down comes back', async () => {
    const creditorId = uniqueId('cred');
    const receiving = await receiver();
    const { id } = await subscribe(receiving.url, creditorId);
    await receiving.stop();
    const accounts = [await account(creditorId, 2), await account(creditorId, 1)];
    const system = await as('system', 'system-1', [creditorId]);
    const down = await eventually(
      async () => (await api.get(`/webhooks/${id}`, system)).body,
      (body) => body.delivery.attempts > 1,
    );
    expect(down.delivery.lastError).toMatch(/could not be reached/);
    expect(down.delivery.behind).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    await receiving.restart();
    await receiving.until(() => ofAccount(receiving, accounts[0] as string).length === 4 && ofAccount(receiving, accounts[1] as string).length === 3);
    expect(ofAccount(receiving, accounts[0] as string).map((payload) => payload.revision)).toEqual([0, 1, 2, 3]);
    const caughtUp = await eventually(
      () => api.get(`/webhooks/${id}`, system),
      (answer) => answer.body.delivery.behind === 0,
    );
    expect(caughtUp.body.delivery).toMatchObject({ attempts: 0, deadLetters: 0, lagSeconds: 0 });
  });

  it('dead-letters an event the receiver keeps refusing, holds its account’s later events behind it, and delivers them in order on retry', async () => {
    const creditorId = uniqueId('cred');
    const receiving = await receiver();
    const refused = await account(creditorId);
    receiving.answer = (body) => ((JSON.parse(body) as Payload).accountId === refused ? 500 : 200);
    const { id } = await subscribe(receiving.url, creditorId, { fromPosition: 1 });
    const system = await as('system', 'system-1', [creditorId]);
    const other = await account(creditorId);
    await receiving.until(() => ofAccount(receiving, other).length === 2);
    expect((await api.post(`/accounts/${refused}/payments`, paymentBody('pay-late', 100))).status).toBe(201);
    const later = await account(creditorId);
    await receiving.until(() => ofAccount(receiving, later).length === 2);
    // A batch's letters are stored once its deliveries are made: a moment after the receiver has the later account's.
    await until(async () => (await api.get(`/webhooks/${id}/dead-letters`, system)).body.deadLetters.length === 3, 10_000);

    const letters = await api.get(`/webhooks/${id}/dead-letters`, system);
    expect(letters.status).toBe(200);
    expect(letters.body.deadLetters.map((letter: { type: string; state: string; attempts: number }) => [letter.type, letter.state, letter.attempts])).toEqual([
      ['AccountOpened', 'failed', 40],
      ['InvoiceIssued', 'held', 0],
      ['PaymentReceived', 'held', 0],
    ]);
    expect(letters.body.deadLetters[0].lastError).toBe('the receiver answered 500');
    expect(ofAccount(receiving, refused)).toEqual([]);

    // A replay over them leaves the letters as they are: the account stays held behind the one that failed.
    expect((await api.post(`/webhooks/${id}/replay`, { fromPosition: letters.body.deadLetters[0].position }, system)).status).toBe(200);
    await receiving.until(() => ofAccount(receiving, later).length === 4);
    expect((await api.get(`/webhooks/${id}/dead-letters`, system)).body.deadLetters).toEqual(letters.body.deadLetters);

    receiving.answer = () => 200;
    const retried = await api.post(`/webhooks/${id}/dead-letters/${letters.body.deadLetters[2].eventId}/retry`, undefined, system);
    expect(retried.body).toEqual({ accountId: refused, requeued: 3 });
    await receiving.until(() => ofAccount(receiving, refused).length === 3);
    expect(ofAccount(receiving, refused).map((payload) => payload.type)).toEqual(['AccountOpened', 'InvoiceIssued', 'PaymentReceived']);
    // The dispatcher records a delivery once the receiver has answered it: a moment after the receiver has it.
    await until(async () => (await api.get(`/webhooks/${id}/dead-letters`, system)).body.deadLetters.length === 0, 10_000);
    expect((await api.get(`/webhooks/${id}/dead-letters`, system)).body).toEqual({ deadLetters: [], nextCursor: null });
  });

  it('replays from a position: every later event of the subscription again, in order, with the same ids', async () => {
    const creditorId = uniqueId('cred');
    const receiving = await receiver();
    const { id } = await subscribe(receiving.url, creditorId);
    const accountId = await account(creditorId, 2);
    await receiving.until(() => ofAccount(receiving, accountId).length === 4);
    const firstTime = ofAccount(receiving, accountId);
    const from = (firstTime[1] as Payload).position;

    const replay = await api.post(`/webhooks/${id}/replay`, { fromPosition: from }, await as('supervisor', 'sup-1', [creditorId]));
    expect(replay.status).toBe(200);
    await receiving.until(() => ofAccount(receiving, accountId).length === 7);
    expect(ofAccount(receiving, accountId).slice(4)).toEqual(firstTime.slice(1));
  });

  it('sends personal data only to a supervisor’s subscription that asked for it, and none once the debtor is erased', async () => {
    const creditorId = uniqueId('cred');
    const receiving = await receiver();
    const supervisor = await as('supervisor', 'sup-1', [creditorId]);
    const system = await as('system', 'system-1', [creditorId]);
    const body = { url: receiving.url, eventTypes: ['AccountOpened'], creditorIds: [creditorId], personalData: true };
    expect((await api.post('/webhooks', body, system)).body).toMatchObject({ status: 403, code: 'PERSONAL_DATA_NOT_ALLOWED' });
    expect((await api.post('/webhooks', { ...body, url: 'http://erp.example.com/hook' }, supervisor)).body).toMatchObject({
      status: 422,
      code: 'WEBHOOK_URL_NOT_ALLOWED',
    });
    const { id } = await subscribe(receiving.url, creditorId, { eventTypes: ['AccountOpened'], personalData: true }, 'supervisor');
    const accountId = await account(creditorId);
    await receiving.until(() => ofAccount(receiving, accountId).length === 1);
    const [opened] = ofAccount(receiving, accountId);
    expect(opened?.type).toBe('AccountOpened');
    expect(opened?.data.debtor).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com' });

    expect((await api.post(`/accounts/${accountId}/erase-personal-data`, undefined, supervisor)).status).toBe(200);
    expect((await api.post(`/webhooks/${id}/replay`, { fromPosition: opened?.position }, supervisor)).status).toBe(200);
    await receiving.until(() => ofAccount(receiving, accountId).length === 2);
    const [, again] = ofAccount(receiving, accountId);
    expect(again?.data.debtor).toEqual({ reference: 'D-100', timeZone: 'America/New_York', personalDataErased: true });
  });

  it('gives up at once on an event whose sealed data cannot be opened, and goes on with the creditor’s other accounts', async () => {
    const creditorId = uniqueId('cred');
    const receiving = await receiver();
    const { id } = await subscribe(receiving.url, creditorId, { eventTypes: ['AccountOpened'], personalData: true }, 'supervisor');
    const events = closing(await PostgresEventStore.connect({ connectionString: api.databaseUrl }), (store) => store.close());
    const positions = (await appendUnopenable(api, events, creditorId)).map(({ position }) => position);
    const accountId = await account(creditorId);
    const supervisor = await as('supervisor', 'sup-1', [creditorId]);
    const deadLetters = async () => (await api.get(`/webhooks/${id}/dead-letters`, supervisor)).body.deadLetters as { position: number; lastError: string }[];
    await until(async () => (await deadLetters()).length === 2, 10_000);
    expect(await deadLetters()).toEqual(
      positions.map((position) => expect.objectContaining({ position: Number(position), lastError: expect.stringMatching(/cannot be opened/) })),
    );
    await receiving.until(() => ofAccount(receiving, accountId).length === 1);
    expect(receiving.delivered<Payload>().map((payload) => payload.accountId)).toEqual([accountId]);
  });

  it('stops for good once disabled, and keeps it listed', async () => {
    const creditorId = uniqueId('cred');
    const receiving = await receiver();
    const { id } = await subscribe(receiving.url, creditorId);
    const system = await as('system', 'system-1', [creditorId]);
    const before = await account(creditorId);
    await receiving.until(() => ofAccount(receiving, before).length === 2);
    receiving.received.length = 0;
    const disabled = await api.post(`/webhooks/${id}/disable`, undefined, system);
    expect(disabled.status).toBe(200);
    expect(disabled.body.disabled).toMatchObject({ by: { id: 'system-1', role: 'system' } });
    await account(creditorId, 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiving.received).toEqual([]);
    expect((await api.get('/webhooks', system)).body.webhooks.map((webhook: { id: string }) => webhook.id)).toEqual([id]);
    expect((await api.post(`/webhooks/${id}/replay`, { fromPosition: 1 }, system)).body).toMatchObject({ status: 409, code: 'WEBHOOK_DISABLED' });
  });

  it('is delivered by one of two service instances on the same stores: every event once, each account in order', async () => {
    const other = closing(await startTestApi({ databaseUrl: api.databaseUrl, env }), (app) => app.close());
    const creditorId = uniqueId('cred');
    const receiving = await receiver();
    await subscribe(receiving.url, creditorId);
    const accounts = [await account(creditorId, 2), await account(creditorId, 2)];
    expect((await other.post(`/accounts/${accounts[0] as string}/payments`, paymentBody('pay-3', 100))).status).toBe(201);
    await receiving.until(() => ofAccount(receiving, accounts[0] as string).length === 5 && ofAccount(receiving, accounts[1] as string).length === 4);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const ids = receiving.delivered<Payload>().map((payload) => payload.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ofAccount(receiving, accounts[0] as string).map((payload) => payload.revision)).toEqual([0, 1, 2, 3, 4]);
  });

  it('shows a subscription only to callers acting for all its creditors', async () => {
    const creditorId = uniqueId('cred');
    const { id } = await subscribe('https://erp.example.com/hook', creditorId);
    const stranger = await as('supervisor', 'sup-2', ['cred-other']);
    expect((await api.get(`/webhooks/${id}`, stranger)).status).toBe(404);
    expect((await api.get('/webhooks', stranger)).body.webhooks).toEqual([]);
    expect((await api.post(`/webhooks/${id}/replay`, { fromPosition: 1 }, stranger)).status).toBe(404);
    expect((await api.get(`/webhooks/${id}`, await as('agent', 'agent-1', [creditorId]))).status).toBe(403);
  });

  describe('refuses a subscription the caller may not make, or that is malformed, never with a 5xx', () => {
    const valid = { url: 'https://erp.example.com/hook', eventTypes: ['PaymentReceived'], creditorIds: ['cred-a'] };
    const problems: [string, unknown, number, string[]][] = [
      ['a URL with credentials', { ...valid, url: 'https://user:pass@erp.example.com/hook' }, 400, ['url']],
      ['another scheme', { ...valid, url: 'ftp://erp.example.com/hook' }, 400, ['url']],
      ['a relative URL', { ...valid, url: '/hook' }, 400, ['url']],
      ['a URL with a control character', { ...valid, url: 'https://erp.example.com/a\u0001b' }, 400, ['url']],
      ['an overlong URL', { ...valid, url: `https://erp.example.com/${'a'.repeat(3000)}` }, 400, ['url']],
      ['an unknown event type', { ...valid, eventTypes: ['PaymentTeleported'] }, 400, ['eventTypes']],
      ['"*" beside event types', { ...valid, eventTypes: ['*', 'PaymentReceived'] }, 400, ['eventTypes']],
      ['no event types', { ...valid, eventTypes: [] }, 400, ['eventTypes']],
      ['a malformed creditor', { ...valid, creditorIds: ['../etc'] }, 400, ['creditorIds']],
      ['personal data as text', { ...valid, personalData: 'yes' }, 400, ['personalData']],
      ['a position of 0', { ...valid, fromPosition: 0 }, 400, ['fromPosition']],
      ['an unknown field', { ...valid, secret: 'mine' }, 400, ['secret']],
    ];
    it.each(problems)('%s', async (_, body, status, fields) => {
      const response = await api.post('/webhooks', body, await as('system', 'system-1', ['cred-a']));
      expect(response.status).toBe(status);
      expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(fields);
    });

    it('a creditor outside the token, or "*" for a token of some creditors: 403', async () => {
      const caller = await as('system', 'system-1', ['cred-a']);
      expect((await api.post('/webhooks', { ...valid, creditorIds: ['cred-a', 'cred-b'] }, caller)).body).toMatchObject({
        status: 403,
        code: 'CREDITOR_NOT_ALLOWED',
      });
      expect((await api.post('/webhooks', { ...valid, creditorIds: ['*'] }, caller)).body).toMatchObject({ status: 403, code: 'CREDITOR_NOT_ALLOWED' });
    });

    it('plain http to another machine, or a start past the log: 422', async () => {
      const caller = await as('system', 'system-1', ['cred-a']);
      expect((await api.post('/webhooks', { ...valid, url: 'http://erp.example.com/hook' }, caller)).body).toMatchObject({
        status: 422,
        code: 'WEBHOOK_URL_NOT_ALLOWED',
      });
      expect((await api.post('/webhooks', { ...valid, fromPosition: Number.MAX_SAFE_INTEGER }, caller)).body).toMatchObject({
        status: 422,
        code: 'FROM_POSITION_AHEAD',
      });
    });

    it('a receiver on this machine or a private network, where they are not allowed (production’s default): 422', async () => {
      const guarded = closing(
        await startTestApi({ databaseUrl: api.databaseUrl, env: { ...env, RUN_WEBHOOKS: 'false', WEBHOOK_ALLOW_PRIVATE_RECEIVERS: 'false' } }),
        (app) => app.close(),
      );
      const caller = await as('system', 'system-1', ['cred-a']);
      for (const url of [
        'http://localhost:8080/hook',
        'https://10.1.2.3/hook',
        'https://169.254.169.254/latest/meta-data',
        'https://[::1]/hook',
        'https://2130706433/hook',
      ]) {
        expect({ url, body: (await guarded.post('/webhooks', { ...valid, url }, caller)).body }).toMatchObject({
          url,
          body: { status: 422, code: 'WEBHOOK_URL_NOT_ALLOWED' },
        });
      }
      expect((await guarded.post('/webhooks', valid, caller)).status).toBe(201);
    });

    it('hostile bodies and ids: 400 or 404', async () => {
      const caller = await as('system', 'system-1', ['cred-a']);
      const hostile = [
        '[]',
        '"text"',
        '{"url":{"$gt":""}}',
        'null',
        '{',
        '{"__proto__":{"admin":true},"url":"https://a.example","eventTypes":["*"],"creditorIds":["cred-a"]}',
      ];
      for (const body of hostile) expect((await api.post('/webhooks', body, caller)).status).toBe(400);
      expect((await api.get('/webhooks/a%20b', caller)).status).toBe(400);
      expect((await api.get('/webhooks/no-such-webhook', caller)).status).toBe(404);
      expect((await api.post('/webhooks/no-such-webhook/replay', { fromPosition: '1' }, caller)).status).toBe(400);
      expect((await api.get('/webhooks/no-such-webhook/dead-letters?cursor=%21', caller)).status).toBe(400);
    });
  });
});
