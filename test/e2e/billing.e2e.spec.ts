import { CommandsInFlight } from '../../apps/api/src/command-handling/commands-in-flight';
import { accountWithInvoice, as, eventCount, paymentBody, startTestApi, type TestApi } from './support/test-api';

describe('billing over HTTP', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ now: '2026-03-01T15:00:00Z' });
  });
  afterAll(async () => {
    await api.close();
  });

  it('issues a backdated invoice and allocates a partial payment to it', async () => {
    const accountId = await accountWithInvoice(api);
    const paid = await api.post(`/accounts/${accountId}/payments`, paymentBody('pay-1', 5000));
    expect(paid.status).toBe(201);
    expect(paid.body).toMatchObject({
      accountId,
      paymentId: 'pay-1',
      revision: 2,
      allocations: [{ invoiceId: 'inv-1', amount: 5000 }],
      credited: 0,
      discounts: [],
    });
    expect(paid.headers.etag).toBe('"2"');
  });

  it('pays the oldest invoice first and keeps an overpayment as credit for the next invoice', async () => {
    const accountId = await accountWithInvoice(api, { amount: 3000, terms: { graceDays: 0 } });
    await api.post(`/accounts/${accountId}/invoices`, { invoiceId: 'inv-0', amount: 1000, currency: 'USD', issuedOn: '2025-12-01', dueOn: '2025-12-31' });
    const paid = await api.post(`/accounts/${accountId}/payments`, paymentBody('pay-1', 4500));
    expect(paid.body).toMatchObject({
      allocations: [
        { invoiceId: 'inv-0', amount: 1000 },
        { invoiceId: 'inv-1', amount: 3000 },
      ],
      credited: 500,
    });
    const next = await api.post(`/accounts/${accountId}/invoices`, {
      invoiceId: 'inv-2',
      amount: 2000,
      currency: 'USD',
      issuedOn: '2026-02-15',
      dueOn: '2026-03-15',
    });
    expect(next.body).toMatchObject({ invoiceId: 'inv-2', creditApplied: 500 });
  });

  it('applies the early-payment discount when a payment settles the invoice inside its window', async () => {
    const accountId = await accountWithInvoice(api, { amount: 10000, issuedOn: '2026-02-20', dueOn: '2026-03-20' });
    const paid = await api.post(`/accounts/${accountId}/payments`, paymentBody('pay-1', 9800, { receivedOn: '2026-02-25' }));
    expect(paid.body).toMatchObject({ allocations: [{ invoiceId: 'inv-1', amount: 9800 }], discounts: [{ invoiceId: 'inv-1', amount: 200 }], credited: 0 });
  });

  describe('Idempotency-Key', () => {
    it('returns the first response to a retry and appends nothing', async () => {
      const accountId = await accountWithInvoice(api);
      const headers = { 'idempotency-key': 'pay-once-1' };
      const first = await api.post(`/accounts/${accountId}/payments`, paymentBody('pay-1', 5000), headers);
      const before = await eventCount(api, accountId);
      const retry = await api.post(`/accounts/${accountId}/payments`, paymentBody('pay-1', 5000), headers);
      expect(retry.status).toBe(first.status);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.etag).toBe(first.headers.etag);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(await eventCount(api, accountId)).toBe(before);
    });

    it('refuses the same key with a different body (409 IDEMPOTENCY_KEY_REUSED) and appends nothing', async () => {
      const accountId = await accountWithInvoice(api);
      const headers = { 'idempotency-key': 'pay-once-2' };
      await api.post(`/accounts/${accountId}/payments`, paymentBody('pay-1', 5000), headers);
      const before = await eventCount(api, accountId);
      const reused = await api.post(`/accounts/${accountId}/payments`, paymentBody('pay-1', 6000), headers);
      expect(reused.status).toBe(409);
      expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(await eventCount(api, accountId)).toBe(before);
    });

    it('appends once when two copies of a request race', async () => {
      const accountId = await accountWithInvoice(api);
      const headers = { 'idempotency-key': 'pay-race' };
      const responses = await Promise.all(Array.from({ length: 5 }, () => api.post(`/accounts/${accountId}/payments`, paymentBody('pay-1', 1000), headers)));
      const succeeded = responses.filter((r) => r.status === 201);
      expect(succeeded.length).toBeGreaterThanOrEqual(1);
      for (const r of responses) expect([201, 409]).toContain(r.status);
      expect(await eventCount(api, accountId)).toBe(3);
    });

    it('lets a key be used again after the request it guarded was refused', async () => {
      const accountId = await accountWithInvoice(api);
      const headers = { 'idempotency-key': 'after-refusal' };
      const refused = await api.post(`/accounts/${accountId}/payments`, paymentBody('pay-1', 1000, { receivedOn: '2026-12-01' }), headers);
      expect(refused.status).toBe(422);
      api.clock.set('2026-12-02T12:00:00Z');
      try {
        const accepted = await api.post(`/accounts/${accountId}/payments`, paymentBody('pay-1', 1000, { receivedOn: '2026-12-01' }), headers);
        expect(accepted.status).toBe(201);
      } finally {
        api.clock.set('2026-03-01T15:00:00Z');
      }
    });

    it('still replays after a restart', async () => {
      const accountId = await accountWithInvoice(api);
      const headers = { 'idempotency-key': 'survives-restart' };
      const first = await api.post(`/accounts/${accountId}/payments`, paymentBody('pay-1', 5000), headers);
      const restarted = await startTestApi({ databaseUrl: api.databaseUrl });
      try {
        const retry = await restarted.post(`/accounts/${accountId}/payments`, paymentBody('pay-1', 5000), headers);
        expect(retry.body).toEqual(first.body);
        expect(await eventCount(restarted, accountId)).toBe(3);
      } finally {
        await restarted.close();
      }
    });
  });

  describe('If-Match', () => {
    it('runs the command at the revision the client saw and refuses a stale one with 412', async () => {
      const accountId = await accountWithInvoice(api);
      const ok = await api.post(`/accounts/${accountId}/payments`, paymentBody('pay-1', 1000), { 'if-match': '"1"' });
      expect(ok.status).toBe(201);
      const stale = await api.post(`/accounts/${accountId}/payments`, paymentBody('pay-2', 1000), { 'if-match': '"1"' });
      expect(stale.status).toBe(412);
      expect(stale.body).toMatchObject({ code: 'WRONG_EXPECTED_REVISION', expectedRevision: 1, actualRevision: 2 });
      expect(await eventCount(api, accountId)).toBe(3);
    });

    it('refuses a malformed If-Match with 400', async () => {
      const accountId = await accountWithInvoice(api);
      const bad = await api.post(`/accounts/${accountId}/payments`, paymentBody('pay-1', 1000), { 'if-match': 'yesterday' });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ code: 'INVALID_HEADER', header: 'If-Match' });
    });
  });

  describe('malformed requests', () => {
    it('names every bad field, and appends nothing', async () => {
      const accountId = await accountWithInvoice(api);
      const bad = await api.post(`/accounts/${accountId}/payments`, {
        paymentId: 'pay 1',
        amount: 50.5,
        currency: 'usd',
        receivedOn: '2026-02-30',
        method: 'bitcoin',
        note: 'unknown field',
      });
      expect(bad.status).toBe(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      expect(bad.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status: 400, code: 'VALIDATION_FAILED' });
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['amount', 'currency', 'method', 'note', 'paymentId', 'receivedOn'].sort());
      expect(await eventCount(api, accountId)).toBe(2);
    });

    it('names nested fields of an invoice', async () => {
      const accountId = await accountWithInvoice(api);
      const bad = await api.post(`/accounts/${accountId}/invoices`, {
        invoiceId: 'inv-2',
        amount: '100',
        currency: 'USD',
        issuedOn: '2026-01-01',
        dueOn: '2026-01-31',
        terms: { graceDays: -1, lateFee: { type: 'flat' } },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['amount', 'terms.graceDays', 'terms.lateFee.amount']);
    });

    it('answers 400 to a body that is not JSON, or not an object', async () => {
      const accountId = await accountWithInvoice(api);
      const notJson = await api.post(`/accounts/${accountId}/payments`, '{"amount": ');
      expect(notJson.status).toBe(400);
      expect(notJson.body.code).toBe('MALFORMED_JSON');
      const array = await api.post(`/accounts/${accountId}/payments`, [1, 2]);
      expect(array.status).toBe(400);
      const missing = await api.post(`/accounts/${accountId}/payments`);
      expect(missing.status).toBe(400);
      expect(await eventCount(api, accountId)).toBe(2);
    });

    it('answers 413 to a body over the limit and 415 to one that is not JSON', async () => {
      const accountId = await accountWithInvoice(api);
      const huge = await api.post(`/accounts/${accountId}/payments`, { ...paymentBody('pay-1', 100), pad: 'x'.repeat(2_000_000) });
      expect(huge.status).toBe(413);
      expect(huge.body.code).toBe('BODY_TOO_LARGE');
      const text = await api.app.inject({
        method: 'POST',
        url: `/accounts/${accountId}/payments`,
        headers: { 'content-type': 'text/plain' },
        payload: 'pay me',
      });
      expect(text.statusCode).toBe(415);
      expect(JSON.parse(text.body).code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(await eventCount(api, accountId)).toBe(2);
    });

    it('answers 400 to a malformed id in the path, or a URL the router cannot read', async () => {
      const bad = await api.post('/accounts/bad%20id/payments', paymentBody('pay-1', 100));
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([{ field: 'accountId', messages: [expect.any(String)] }]);
      const unreadable = await api.post('/accounts/%ZZ/payments', paymentBody('pay-1', 100));
      expect(unreadable.status).toBe(400);
      expect(unreadable.headers['content-type']).toContain('application/problem+json');
      expect(unreadable.body.code).toBe('BAD_URL');
    });

    it('refuses a body sent to a command that takes none', async () => {
      const accountId = await accountWithInvoice(api);
      const bad = await api.post(`/accounts/${accountId}/invoices/inv-1/missed`, { force: true });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['force']);
      expect(await eventCount(api, accountId)).toBe(2);
    });
  });

  describe('missed payments and late fees', () => {
    it('refuses to mark a not-yet-due invoice missed (422), then marks it once the grace period is over', async () => {
      const accountId = await accountWithInvoice(api, { issuedOn: '2026-02-20', dueOn: '2026-03-10' });
      const early = await api.post(`/accounts/${accountId}/invoices/inv-1/missed`);
      expect(early.status).toBe(422);
      expect(early.body).toMatchObject({ code: 'INVOICE_NOT_OVERDUE', overdueFrom: '2026-03-16' });
      expect(await eventCount(api, accountId)).toBe(2);

      api.clock.set('2026-03-16T12:00:00Z');
      try {
        const missed = await api.post(`/accounts/${accountId}/invoices/inv-1/missed`);
        expect(missed.status).toBe(200);
        expect(missed.body).toMatchObject({ invoiceId: 'inv-1', overdueAmount: 12500, missedOn: '2026-03-16' });
        const twice = await api.post(`/accounts/${accountId}/invoices/inv-1/missed`);
        expect(twice.status).toBe(409);
        expect(twice.body.code).toBe('PAYMENT_ALREADY_MISSED');
        const fee = await api.post(`/accounts/${accountId}/invoices/inv-1/late-fee`);
        expect(fee.status).toBe(201);
        expect(fee.body).toMatchObject({ fee: 1500, assessedOn: '2026-03-16' });
      } finally {
        api.clock.set('2026-03-01T15:00:00Z');
      }
    });

    it('answers 404 for an unknown invoice', async () => {
      const accountId = await accountWithInvoice(api);
      const response = await api.post(`/accounts/${accountId}/invoices/inv-404/missed`);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('INVOICE_NOT_FOUND');
    });
  });

  it('keeps every payment when many arrive at once for the same account', async () => {
    const accountId = await accountWithInvoice(api, { amount: 100000 });
    const responses = await Promise.all(Array.from({ length: 12 }, (_, i) => api.post(`/accounts/${accountId}/payments`, paymentBody(`pay-${i}`, 1000))));
    expect(responses.map((r) => r.status)).toEqual(Array(12).fill(201));
    const revisions = responses.map((r) => r.body.revision).sort((a: number, b: number) => a - b);
    expect(revisions).toEqual(Array.from({ length: 12 }, (_, i) => i + 2));
    expect(await eventCount(api, accountId)).toBe(14);
  });

  it('keeps every payment when two service instances write to the same account at once', async () => {
    const accountId = await accountWithInvoice(api, { amount: 100000 });
    const other = await startTestApi({ databaseUrl: api.databaseUrl });
    try {
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? api : other).post(`/accounts/${accountId}/payments`, paymentBody(`pay-${i}`, 1000))),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
      expect(await eventCount(api, accountId)).toBe(12);
    } finally {
      await other.close();
    }
  });

  it('decides on what another instance wrote, though it keeps accounts’ state in memory', async () => {
    const accountId = await accountWithInvoice(api, { amount: 5000, terms: { graceDays: 0 } });
    expect((await api.post(`/accounts/${accountId}/payments`, paymentBody('pay-1', 1000))).status).toBe(201);
    const other = await startTestApi({ databaseUrl: api.databaseUrl });
    try {
      const issued = await other.post(`/accounts/${accountId}/invoices`, {
        invoiceId: 'inv-2',
        amount: 700,
        currency: 'USD',
        issuedOn: '2026-01-02',
        dueOn: '2026-02-01',
      });
      expect(issued.status).toBe(201);
    } finally {
      await other.close();
    }
    // This instance's cached state has no inv-2: it must find out rather than answer 404 or misallocate.
    const missed = await api.post(`/accounts/${accountId}/invoices/inv-2/missed`);
    expect(missed.status).toBe(200);
    const paid = await api.post(`/accounts/${accountId}/payments`, paymentBody('pay-2', 4700));
    expect(paid.body.allocations).toEqual([
      { invoiceId: 'inv-1', amount: 4000 },
      { invoiceId: 'inv-2', amount: 700 },
    ]);
    const stale = await api.post(`/accounts/${accountId}/payments`, paymentBody('pay-3', 100), { 'if-match': `"${paid.body.revision}"` });
    expect(stale.status).toBe(201);
  });

  it('finishes a command already running when the application closes, even if its client is gone', async () => {
    const accountId = await accountWithInvoice(api);
    const closing = await startTestApi({ databaseUrl: api.databaseUrl });
    const inFlight = closing.app.get(CommandsInFlight);
    const payment = closing.post(`/accounts/${accountId}/payments`, paymentBody('pay-late', 1000));
    while (inFlight.count === 0) await new Promise((resolve) => setImmediate(resolve));
    await closing.close();
    expect((await payment).status).toBe(201);
    expect(await eventCount(api, accountId)).toBe(3);
  });

  it("records an agency's payment as the agency's, only while the account is placed with that agency", async () => {
    const accountId = await accountWithInvoice(api);
    const supervisor = await as('supervisor');
    expect((await api.post(`/accounts/${accountId}/payments`, paymentBody('pay-early', 100, { agencyId: 'agency-1' }))).body).toMatchObject({
      status: 422,
      code: 'AGENCY_NOT_PLACED',
    });
    expect((await api.post(`/accounts/${accountId}/agency-placements`, { agencyId: 'agency-1' }, supervisor)).status).toBe(201);
    expect((await api.post(`/accounts/${accountId}/payments`, paymentBody('pay-other', 100, { agencyId: 'agency-2' }))).body).toMatchObject({
      status: 422,
      code: 'AGENCY_NOT_PLACED',
    });
    const paid = await api.post(`/accounts/${accountId}/payments`, paymentBody('pay-agency', 2500, { agencyId: 'agency-1', method: 'agency' }));
    expect(paid.status).toBe(201);
    const events = (await api.get(`/accounts/${accountId}/events`)).body.events;
    expect(events.at(-1)).toMatchObject({ type: 'PaymentReceived', data: { paymentId: 'pay-agency', amount: 2500, agencyId: 'agency-1' } });
  });
});
