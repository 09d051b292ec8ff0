import { addDays } from '@arrears/domain';
import { invoiceBody, openAccountBody, paymentBody, startTestApi, uniqueId, wakeScheduler, type TestApi } from './support/test-api';

/**
 * Auditors keep both times: the account as recorded by an instant (`asOf`), as at a business date
 * (`asAt`), or both; and the history dates each event by its business day beside when it was recorded.
 * Today is 2026-06-10; an invoice issued 40 days ago (2026-05-01, due 2026-05-21) is recorded today.
 */
describe('audit in record time and business time (e2e)', () => {
  const today = '2026-06-10T15:00:00.000Z';
  const yesterday = '2026-06-09T15:00:00.000Z';
  const paymentRecordedAt = '2026-06-10T16:00:00.000Z';
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ now: today, env: { REPORTING_TIME_ZONES: '{"cred-tokyo":"Asia/Tokyo"}' } });
  });
  afterAll(async () => {
    await api.close();
  });

  /** An account opened on 2026-05-01 and its invoice of that day, both recorded today, and a payment received on 2026-06-01 recorded an hour later. */
  async function importedLedger(creditorId = 'cred-1') {
    const accountId = uniqueId('acc');
    api.clock.set(today);
    expect((await api.post('/accounts', { ...openAccountBody(accountId, creditorId), openedOn: '2026-05-01' })).status).toBe(201);
    const invoice = invoiceBody('inv-1', { amount: 12_500, issuedOn: '2026-05-01', dueOn: '2026-05-21', terms: { graceDays: 0 } });
    expect((await api.post(`/accounts/${accountId}/invoices`, invoice)).status).toBe(201);
    api.clock.set(paymentRecordedAt);
    const paid = await api.post(`/accounts/${accountId}/payments`, paymentBody('pay-1', 3_000, { receivedOn: '2026-06-01' }));
    expect(paid.status).toBe(201);
    api.clock.set(today);
    return { accountId, position: paid.body.position as number };
  }

  const state = (accountId: string, query: string) => api.get(`/accounts/${accountId}/state?${query}`);

  describe('given an invoice issued 40 days ago and recorded today', () => {
    let accountId: string;
    let position: number;
    beforeAll(async () => {
      ({ accountId, position } = await importedLedger());
    });

    it('as of yesterday (record time), the account did not exist yet: 404', async () => {
      const answer = await state(accountId, `asOf=${yesterday}`);
      expect(answer.body).toMatchObject({ status: 404, code: 'ACCOUNT_NOT_FOUND', detail: `Account ${accountId} did not exist at ${yesterday}.` });
    });

    it('as at 41 days ago (business time), nothing had happened yet: 404', async () => {
      const answer = await state(accountId, 'asAt=2026-04-30');
      expect(answer.body).toMatchObject({ status: 404, code: 'ACCOUNT_NOT_FOUND', detail: `Account ${accountId} had no fact by the end of 2026-04-30.` });
    });

    it('as at 30 days ago, shows the invoice, not yet due, and says it is an asAt answer', async () => {
      const answer = await state(accountId, 'asAt=2026-05-11');
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        asAt: '2026-05-11',
        balances: { total: 12_500, overdue: 0 },
        daysPastDue: 0,
        invoices: [{ invoiceId: 'inv-1', issuedOn: '2026-05-01', outstanding: 12_500, daysPastDue: 0, agingBucket: 'current' }],
        lastPayment: null,
        revision: 2,
      });
      expect(answer.body).not.toHaveProperty('asOf');
    });

    it('as at the day before the payment was received, 10 days past due; as at that day, the payment is in', async () => {
      expect((await state(accountId, 'asAt=2026-05-31')).body).toMatchObject({
        balances: { total: 12_500, overdue: 12_500 },
        daysPastDue: 10,
        agingBucket: '1-30',
      });
      expect((await state(accountId, 'asAt=2026-06-01')).body).toMatchObject({
        balances: { total: 9_500, overdue: 9_500 },
        daysPastDue: 11,
        lastPayment: { paymentId: 'pay-1', receivedOn: '2026-06-01' },
      });
    });

    it('answers for the calendar’s first and last days: nothing yet, then everything, aged to then', async () => {
      expect((await state(accountId, 'asAt=0001-01-01')).status).toBe(404);
      expect((await state(accountId, 'asAt=9999-12-31')).body).toMatchObject({ asAt: '9999-12-31', balances: { total: 9_500 }, daysPastDue: 2_912_302 });
    });

    it('as of now (record time), everything recorded, aged to today', async () => {
      const answer = await state(accountId, `asOf=${paymentRecordedAt}`);
      expect(answer.body).toMatchObject({ asOf: paymentRecordedAt, balances: { total: 9_500 }, daysPastDue: 20, revision: 2 });
      expect(answer.body).not.toHaveProperty('asAt');
    });

    it('with both, what was known at asOf about the account as at asAt: the payment recorded later is left out', async () => {
      const knownBefore = '2026-06-10T15:30:00Z';
      const answer = await state(accountId, `asOf=${knownBefore}&asAt=2026-06-05`);
      expect(answer.body).toMatchObject({ asOf: '2026-06-10T15:30:00.000Z', asAt: '2026-06-05', balances: { total: 12_500 }, daysPastDue: 15, revision: 1 });
      expect((await state(accountId, 'asAt=2026-06-05')).body).toMatchObject({ balances: { total: 9_500 }, revision: 2 });
      expect((await state(accountId, `asOf=${yesterday}&asAt=2026-06-05`)).body).toMatchObject({
        status: 404,
        detail: `Account ${accountId} had no fact by the end of 2026-06-05 among the events recorded by ${yesterday}.`,
      });
    });

    it('lists the history with each event’s business day beside when it was recorded', async () => {
      const history = await api.get(`/accounts/${accountId}/history?minPosition=${position}`);
      expect(history.body.items.map(({ type, occurredOn, recordedAt }: Record<string, string>) => ({ type, occurredOn, recordedAt }))).toEqual([
        { type: 'AccountOpened', occurredOn: '2026-05-01', recordedAt: today },
        { type: 'InvoiceIssued', occurredOn: '2026-05-01', recordedAt: today },
        { type: 'PaymentReceived', occurredOn: '2026-06-01', recordedAt: paymentRecordedAt },
      ]);
    });

    it('stores the business date in the metadata of the events that give one', async () => {
      const { events } = (await api.get(`/accounts/${accountId}/events`)).body;
      expect(events.map(({ type, metadata }: { type: string; metadata: { occurredOn?: string } }) => [type, metadata.occurredOn])).toEqual([
        ['AccountOpened', '2026-05-01'],
        ['InvoiceIssued', '2026-05-01'],
        ['PaymentReceived', '2026-06-01'],
      ]);
    });
  });

  it('dates an event without a date of its own in the creditor’s reporting zone: 15:00 UTC is already the next day in Tokyo', async () => {
    const { accountId } = await importedLedger('cred-tokyo');
    const noted = await api.post(`/accounts/${accountId}/notes`, { text: 'called back' });
    expect(noted.status).toBe(201);
    const history = await api.get(`/accounts/${accountId}/history?minPosition=${noted.body.position}`);
    expect(history.body.items.map(({ occurredOn }: { occurredOn: string }) => occurredOn)).toEqual(['2026-05-01', '2026-05-01', '2026-06-01', '2026-06-11']);
  });

  it('answers every day of an account the collection timeline has worked on, from before its first fact to today', async () => {
    const { accountId } = await importedLedger();
    await wakeScheduler(api);
    const events = (await api.get(`/accounts/${accountId}/events`)).body.events as unknown[];
    expect(events.length).toBeGreaterThan(3);
    for (let day = '2026-04-29'; day <= '2026-06-11'; day = addDays(day, 1)) {
      const answer = await state(accountId, `asAt=${day}`);
      expect([day, answer.status]).toEqual([day, day < '2026-05-01' ? 404 : 200]);
    }
  });

  it('answers 404 as at a day before an account that has no fact but its opening was opened', async () => {
    const accountId = uniqueId('acc');
    // Opened today: no `openedOn`, so the debtor's today.
    expect((await api.post('/accounts', { ...openAccountBody(accountId), openedOn: undefined })).status).toBe(201);
    expect((await state(accountId, 'asAt=2026-06-09')).status).toBe(404);
    expect((await state(accountId, 'asAt=2026-06-10')).body).toMatchObject({ accountId, status: 'open', asAt: '2026-06-10', invoices: [] });
  });

  describe('refuses malformed cuts with a problem naming the field', () => {
    const eitherOrBoth = 'give asOf (an instant: what had been recorded by then), asAt (a business date: the account as of that day), or both';
    const refusal = async (query: string) => {
      const answer = await state('acc-1', query);
      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe('VALIDATION_FAILED');
      return answer.body.errors as { field: string; messages: string[] }[];
    };

    it('neither asOf nor asAt', async () => {
      expect(await refusal('')).toEqual([
        { field: 'asOf', messages: [eitherOrBoth] },
        { field: 'asAt', messages: [eitherOrBoth] },
      ]);
    });

    it.each([
      ['a date that is not on the calendar', 'asAt=2026-02-30', 'asAt'],
      ['an instant for a business date', 'asAt=2026-06-10T00:00:00Z', 'asAt'],
      ['an empty business date', 'asAt=', 'asAt'],
      ['a business date twice', 'asAt=2026-06-01&asAt=2026-06-02', 'asAt'],
      ['a date for an instant', 'asOf=2026-06-10', 'asOf'],
      ['an instant without an offset', 'asOf=2026-06-10T12:00:00', 'asOf'],
      ['an instant to the hour only, which ISO allows and JavaScript does not read', 'asOf=2026-06-10T12Z', 'asOf'],
      ['an instant on a week date', 'asOf=2026-W24-3T12:00Z', 'asOf'],
      ['an offset past 24 hours', 'asOf=2026-06-10T12:00:00%2B25:00', 'asOf'],
      ['a malformed instant beside a good date', 'asOf=yesterday&asAt=2026-06-01', 'asOf'],
      ['a NUL byte', 'asAt=2026-06-01%00', 'asAt'],
      ['an unknown parameter', 'asAt=2026-06-01&asAtt=2026-06-01', 'asAtt'],
    ])('%s', async (_case, query, field) => {
      expect((await refusal(query)).map((error) => error.field)).toEqual([field]);
    });
  });
});
