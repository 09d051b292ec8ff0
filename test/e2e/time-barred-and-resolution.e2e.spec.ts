import {
  as,
  eventTypes,
  invoiceBody,
  openAccountBody,
  paymentBody,
  readModelsCaughtUp,
  startTestApi,
  uniqueId,
  wakeScheduler,
  type TestApi,
} from './support/test-api';

/**
 * Time-barred debts (12 CFR 1006.26) and the confirmation of a resolution, over HTTP. The debtor
 * lives in Albany, New York: 3 years for a consumer credit debt (CPLR 214-i). An invoice due
 * 2022-12-31 without grace is in default from 2023-01-01 and time-barred from 2026-01-01.
 */
describe('time-barred debts and resolution (e2e)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ now: '2025-12-31T15:00:00Z' });
  });
  afterAll(async () => {
    await api.close();
  });

  const inNewYork = (accountId: string) => {
    const body = openAccountBody(accountId);
    return {
      ...body,
      openedOn: '2022-11-01',
      debtType: 'open_account',
      debtor: { ...body.debtor, address: { lines: ['1 State St'], city: 'Albany', region: 'NY', country: 'US' } },
    };
  };
  async function oldDebt(): Promise<string> {
    const accountId = uniqueId('acc');
    expect((await api.post('/accounts', inNewYork(accountId))).status).toBe(201);
    const invoice = invoiceBody('inv-1', { issuedOn: '2022-12-01', dueOn: '2022-12-31', terms: { graceDays: 0 } });
    expect((await api.post(`/accounts/${accountId}/invoices`, invoice)).status).toBe(201);
    return accountId;
  }

  it('refuses a debt type it does not know, naming the field', async () => {
    const refused = await api.post('/accounts', { ...inNewYork(uniqueId('acc')), debtType: 'credit_card' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'debtType' })]);
  });

  it('escalates to legal review the day before the debt is time-barred, and refuses on the day, naming the state and the date (1006.26(b))', async () => {
    api.clock.set('2025-12-31T15:00:00Z');
    const before = await oldDebt();
    expect((await api.post(`/accounts/${before}/legal-escalations`, { reason: 'no response' })).status).toBe(201);

    api.clock.set('2026-01-01T15:00:00Z');
    const barred = await oldDebt();
    const refused = await api.post(`/accounts/${barred}/legal-escalations`, { reason: 'no response' });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'DEBT_TIME_BARRED', jurisdiction: 'US-NY', since: '2026-01-01' });
    await readModelsCaughtUp(api);
    const view = await api.get(`/accounts/${barred}`);
    expect(view.body.timeBar).toEqual({ timeBarred: true, since: '2026-01-01', disclosureRequired: true, jurisdiction: 'US-NY' });
  });

  it('sends one thank-you and confirmation when the account is paid in full, however often the scheduler wakes', async () => {
    api.clock.set('2026-01-05T15:00:00Z');
    const accountId = await oldDebt();
    expect((await api.post(`/accounts/${accountId}/payments`, paymentBody('pay-1', 12_500, { receivedOn: '2026-01-05' }))).status).toBe(201);
    await wakeScheduler(api);
    await wakeScheduler(api);
    const notices = (await api.get(`/accounts/${accountId}/events`)).body.events.filter((event: { type: string }) => event.type === 'NoticeSent');
    expect(notices.map((notice: { data: object }) => notice.data)).toEqual([
      expect.objectContaining({ purpose: 'resolution_confirmation', channel: 'email', template: 'resolution-confirmation' }),
    ]);
  });

  it('sends one confirmation for an imported ledger whose debts were paid off twice in the past: the resolution standing now', async () => {
    api.clock.set('2026-01-07T15:00:00Z');
    const accountId = uniqueId('acc');
    const lines = [
      {
        type: 'account',
        accountId,
        creditorId: 'cred-1',
        debtorReference: 'D-9',
        timeZone: 'America/New_York',
        openedOn: '2025-01-01',
        debtType: 'written_contract',
      },
      { type: 'invoice', accountId, invoiceId: 'inv-1', amount: 10_000, currency: 'USD', issuedOn: '2025-01-01', dueOn: '2025-01-31' },
      { type: 'payment', accountId, paymentId: 'pay-1', amount: 10_000, currency: 'USD', receivedOn: '2025-02-10', method: 'card' },
      { type: 'invoice', accountId, invoiceId: 'inv-2', amount: 20_000, currency: 'USD', issuedOn: '2025-03-01', dueOn: '2025-03-31' },
      { type: 'payment', accountId, paymentId: 'pay-2', amount: 20_000, currency: 'USD', receivedOn: '2025-04-10', method: 'card' },
    ];
    const body = lines.map((line) => JSON.stringify(line)).join('\n');
    const started = await api.post('/imports', body, { 'content-type': 'application/x-ndjson', ...(await as('supervisor')) });
    let progress = started.body;
    for (let tries = 0; progress.status === 'running' && tries < 200; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      progress = (await api.get(`/imports/${progress.importId}`, await as('supervisor'))).body;
    }
    expect(progress).toMatchObject({ status: 'done', linesApplied: 5, linesRefused: 0 });
    await wakeScheduler(api);
    await wakeScheduler(api);
    const notices = (await api.get(`/accounts/${accountId}/events`)).body.events.filter((event: { type: string }) => event.type === 'NoticeSent');
    // No e-mail address on the line: a letter, sent now (not on a historical business day).
    expect(notices.map((notice: { data: object }) => notice.data)).toEqual([
      expect.objectContaining({ purpose: 'resolution_confirmation', channel: 'letter', sentAt: expect.stringMatching(/^2026-01-07T15:00:00/) }),
    ]);
  });

  it('under a cease request, sends the confirmation only where the debtor asked for it (1006.6(c))', async () => {
    api.clock.set('2026-01-06T15:00:00Z');
    const unasked = await oldDebt();
    const asked = await oldDebt();
    for (const accountId of [unasked, asked]) expect((await api.post(`/accounts/${accountId}/cease`)).status).toBe(200);
    expect((await api.post(`/accounts/${asked}/resolution-confirmation-requests`)).status).toBe(201);
    for (const accountId of [unasked, asked]) {
      expect((await api.post(`/accounts/${accountId}/payments`, paymentBody('pay-1', 12_500, { receivedOn: '2026-01-06' }))).status).toBe(201);
    }
    await wakeScheduler(api);
    expect(await eventTypes(api, unasked)).not.toContain('NoticeSent');
    expect((await eventTypes(api, asked)).filter((type) => type === 'NoticeSent')).toHaveLength(1);
  });
});
