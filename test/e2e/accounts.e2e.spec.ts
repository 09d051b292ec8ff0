import { Client } from 'pg';
import { accountWithInvoice, as, eventCount, invoiceBody, openAccountBody, paymentBody, startTestApi, uniqueId, type TestApi } from './support/test-api';

describe('accounts over HTTP', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('opens an account: 201 with the revision, position and ETag; the event carries its metadata', async () => {
    const accountId = uniqueId('acc');
    const opened = await api.post('/accounts', openAccountBody(accountId), { 'x-correlation-id': 'corr-1', ...(await as('system', 'crm-sync')) });
    expect(opened.status).toBe(201);
    expect(opened.body).toEqual({ accountId, revision: 0, position: expect.any(Number) });
    expect(opened.headers.etag).toBe('"0"');

    const stream = await api.get(`/accounts/${accountId}/events`);
    expect(stream.status).toBe(200);
    expect(stream.body.events).toHaveLength(1);
    expect(stream.body.events[0]).toMatchObject({
      type: 'AccountOpened',
      revision: 0,
      position: opened.body.position,
      data: { accountId, creditorId: 'cred-1', debtor: { reference: 'D-100', timeZone: 'America/New_York' } },
      metadata: {
        correlationId: 'corr-1',
        causationId: expect.any(String),
        actor: { id: 'crm-sync', role: 'system' },
        occurredAt: '2026-03-01T15:00:00.000Z',
        recordedAt: '2026-03-01T15:00:00.000Z',
        schemaVersion: 1,
        creditorId: 'cred-1',
      },
    });
  });

  it('keeps the other time zones a debtor may be in, for the contact-hours rule, and refuses one that is not a zone', async () => {
    const accountId = uniqueId('acc');
    const body = openAccountBody(accountId);
    const opened = await api.post('/accounts', { ...body, debtor: { ...body.debtor, otherTimeZones: ['America/Los_Angeles', 'Europe/London'] } });
    expect(opened.status).toBe(201);
    const [event] = (await api.get(`/accounts/${accountId}/events`)).body.events;
    expect(event.data.debtor.otherTimeZones).toEqual(['America/Los_Angeles', 'Europe/London']);
    const refused = await api.post('/accounts', { ...openAccountBody(uniqueId('acc')), debtor: { ...body.debtor, otherTimeZones: ['Mars/Base'] } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'debtor.otherTimeZones' })]);
  });

  it('generates an account id when none is given', async () => {
    const { creditorId, debtor } = openAccountBody('x');
    const opened = await api.post('/accounts', { creditorId, debtor });
    expect(opened.status).toBe(201);
    expect(opened.body.accountId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('opens one account for a request without account id retried after its stored answer was lost', async () => {
    const key = uniqueId('key');
    const { creditorId, debtor } = openAccountBody('unused');
    const body = { creditorId, debtor };
    const first = await api.post('/accounts', body, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    const database = new Client({ connectionString: api.databaseUrl });
    await database.connect();
    try {
      // As when the process dies after the append, before the answer is stored.
      expect((await database.query('DELETE FROM idempotency_keys WHERE key LIKE $1', [`%:${key}`])).rowCount).toBe(1);
    } finally {
      await database.end();
    }
    const retry = await api.post('/accounts', body, { 'idempotency-key': key });
    expect([retry.status, retry.body]).toEqual([201, first.body]);
    expect(await eventCount(api, first.body.accountId)).toBe(1);
  });

  it('refuses to open the same account twice (409) and appends nothing', async () => {
    const accountId = uniqueId('acc');
    await api.post('/accounts', openAccountBody(accountId));
    const again = await api.post('/accounts', openAccountBody(accountId));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ACCOUNT_ALREADY_EXISTS');
    expect(await eventCount(api, accountId)).toBe(1);
  });

  it('answers 404 for an unknown account, on reads and on every command', async () => {
    const unknown = uniqueId('nobody');
    const routes: [string, unknown][] = [
      [`/accounts/${unknown}/invoices`, invoiceBody('inv-1')],
      [`/accounts/${unknown}/payments`, paymentBody('pay-1', 100)],
      [`/accounts/${unknown}/invoices/inv-1/missed`, undefined],
      [`/accounts/${unknown}/invoices/inv-1/late-fee`, undefined],
      [`/accounts/${unknown}/plans`, { planId: 'p', currency: 'USD', installments: [{ dueOn: '2026-04-01', amount: 100 }] }],
      [`/accounts/${unknown}/close`, {}],
    ];
    for (const [url, body] of routes) {
      const response = await api.post(url, body);
      expect({ url, status: response.status, code: response.body.code }).toEqual({ url, status: 404, code: 'ACCOUNT_NOT_FOUND' });
    }
    const read = await api.get(`/accounts/${unknown}/events`);
    expect(read.status).toBe(404);
    expect(read.headers['content-type']).toContain('application/problem+json');
    expect(await eventCount(api, unknown)).toBe(0);
  });

  it('closes only an account with nothing owed; a payment afterwards reopens it as credit, and its refund lets it close', async () => {
    const accountId = await accountWithInvoice(api, { amount: 5000, terms: { graceDays: 0 } });
    const refused = await api.post(`/accounts/${accountId}/close`);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'ACCOUNT_BALANCE_NOT_ZERO', outstanding: 5000 });

    expect((await api.post(`/accounts/${accountId}/payments`, paymentBody('pay-1', 5000))).status).toBe(201);
    const closed = await api.post(`/accounts/${accountId}/close`, { reason: 'Paid in full' });
    expect(closed.status).toBe(200);
    expect(closed.body.revision).toBe(3);

    expect((await api.post(`/accounts/${accountId}/invoices`, invoiceBody('inv-late'))).body.code).toBe('ACCOUNT_CLOSED');
    const late = await api.post(`/accounts/${accountId}/payments`, paymentBody('pay-2', 100));
    expect(late.status).toBe(201);
    expect(late.body).toMatchObject({ credited: 100, allocations: [], accountReopened: true, revision: 5 });
    const reopened = await api.get(`/accounts/${accountId}?minPosition=${late.body.position}`);
    expect(reopened.body).toMatchObject({ status: 'open', balances: { total: 0, credit: 100 } });
    expect((await api.post(`/accounts/${accountId}/close`)).body.code).toBe('ACCOUNT_BALANCE_NOT_ZERO');

    const refund = { reversalId: 're-2', amount: 100, currency: 'USD', reversedOn: '2026-02-10', reason: 'refund' };
    const refunded = await api.post(`/accounts/${accountId}/payments/pay-2/reversals`, refund);
    expect(refunded.body).toMatchObject({ creditReversed: 100, accountReopened: false });
    expect((await api.post(`/accounts/${accountId}/close`)).status).toBe(200);
  });

  it('reports the event store in /health and serves the OpenAPI document at /docs', async () => {
    const health = await api.get('/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', eventStore: { backend: 'postgres', embedded: false } });

    const docs = await api.app.inject({ method: 'GET', url: '/docs' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
    const openapi = await api.get('/docs/openapi.json');
    expect(Object.keys(openapi.body.paths)).toEqual(
      expect.arrayContaining([
        '/accounts',
        '/accounts/{accountId}/invoices',
        '/accounts/{accountId}/payments',
        '/accounts/{accountId}/invoices/{invoiceId}/missed',
        '/accounts/{accountId}/plans',
        '/accounts/{accountId}/close',
        '/accounts/{accountId}/events',
        '/health',
      ]),
    );
    expect(openapi.body.components.schemas.RecordPaymentRequest.required).toEqual(
      expect.arrayContaining(['paymentId', 'amount', 'currency', 'receivedOn', 'method']),
    );
  });
});
