import { addDays } from '@arrears/domain';
import { eventCount, eventTypes, invoiceBody, openAccountBody, startTestApi, uniqueId, type TestApi } from './support/test-api';

/**
 * Calls, disputes and requests, cease and blocked media over HTTP (12 CFR 1006). The debtor lives in
 * New York: 15:00Z is 10:00 there in winter. Creditor `cred-late` only records disputes received after
 * the validation period; the others pause collection for them.
 */
describe('calls, disputes, cease and blocked media (e2e)', () => {
  let api: TestApi;
  const address = { lines: ['1 Example Plaza'], city: 'Springfield', country: 'US' };
  beforeAll(async () => {
    const recordOnly = { creditor: { name: 'Late Creditor', address }, debtCollector: true, disputesAfterValidationPeriod: 'record_only' };
    api = await startTestApi({ now: '2026-03-02T15:00:00Z', env: { CREDITOR_PROFILES: JSON.stringify({ 'cred-late': recordOnly }) } });
  });
  afterAll(async () => {
    await api.close();
  });

  /** An account owing two invoices, its validation notice sent by letter (the period ends 2026-04-08). */
  async function twoInvoices(creditorId = 'cred-1') {
    api.clock.set('2026-03-02T15:00:00Z');
    const accountId = uniqueId('acc');
    expect((await api.post('/accounts', openAccountBody(accountId, creditorId))).status).toBe(201);
    for (const invoiceId of ['inv-1', 'inv-2']) expect((await api.post(`/accounts/${accountId}/invoices`, invoiceBody(invoiceId))).status).toBe(201);
    expect((await api.post(`/accounts/${accountId}/validation-notice`, { channel: 'letter' })).status).toBe(201);
    return accountId;
  }
  const call = (accountId: string, at: string, outcome: string, invoiceIds?: string[]) =>
    api.post(`/accounts/${accountId}/contacts`, { channel: 'call', direction: 'outbound', outcome, at, ...(invoiceIds && { invoiceIds }) });

  it('leaves calls not connected or to a wrong party out of 7 in 7, and lets recorded consent lift the limit', async () => {
    const accountId = await twoInvoices();
    for (let day = 3; day <= 9; day++) {
      const at = `2026-03-0${day}T15:00:00Z`;
      api.clock.set(at);
      expect((await call(accountId, at, day === 3 ? 'not_connected' : 'no_answer')).status).toBe(201);
    }
    api.clock.set('2026-03-09T16:00:00Z');
    expect((await call(accountId, '2026-03-09T15:30:00Z', 'wrong_party')).status).toBe(201);
    expect((await call(accountId, '2026-03-09T16:00:00Z', 'no_answer')).status).toBe(201);
    api.clock.set('2026-03-09T18:00:00Z');
    expect((await call(accountId, '2026-03-09T18:00:00Z', 'no_answer')).body).toMatchObject({ status: 422, code: 'CALL_FREQUENCY_LIMIT' });
    expect((await api.post(`/accounts/${accountId}/call-consent`, { days: 2 })).status).toBe(201);
    expect((await call(accountId, '2026-03-09T18:00:00Z', 'no_answer')).status).toBe(201);
    expect((await api.post(`/accounts/${accountId}/call-consent`, { days: 8 })).body).toMatchObject({ status: 400 });
  });

  it('pauses only the disputed invoice, and an unanswered original-creditor request pauses its debt until answered', async () => {
    const accountId = await twoInvoices();
    api.clock.set('2026-03-04T15:00:00Z');
    expect((await api.post(`/accounts/${accountId}/disputes`, { disputeId: 'd-1', invoiceId: 'inv-1', reason: 'never received' })).status).toBe(201);
    expect((await call(accountId, '2026-03-04T15:00:00Z', 'no_answer', ['inv-1'])).body).toMatchObject({ code: 'DISPUTE_OPEN' });
    expect((await call(accountId, '2026-03-04T15:00:00Z', 'no_answer')).status).toBe(201);
    expect((await api.post(`/accounts/${accountId}/original-creditor-requests`, { requestId: 'r-1', invoiceId: 'inv-2' })).status).toBe(201);
    expect((await call(accountId, '2026-03-04T15:00:00Z', 'no_answer')).body).toMatchObject({ code: 'DISPUTE_OPEN' });
    const answer = { name: 'First Bank', address: { lines: ['1 Bank Street'], city: 'Albany', region: 'NY', country: 'US' }, channel: 'letter' };
    expect((await api.post(`/accounts/${accountId}/original-creditor-requests/r-1/answer`, answer)).status).toBe(201);
    expect((await api.post(`/accounts/${accountId}/original-creditor-requests/r-1/answer`, answer)).body).toMatchObject({ code: 'REQUEST_ALREADY_ANSWERED' });
    expect((await api.post(`/accounts/${accountId}/original-creditor-requests/r-2/answer`, answer)).status).toBe(404);
    expect((await api.post(`/accounts/${accountId}/original-creditor-requests/r-1/answer`, { ...answer, address: { city: 'Albany' } })).status).toBe(400);
    expect((await call(accountId, '2026-03-04T15:00:00Z', 'no_answer', ['inv-2'])).status).toBe(201);
    expect((await eventTypes(api, accountId)).slice(-4)).toEqual(['OriginalCreditorRequested', 'OriginalCreditorProvided', 'NoticeSent', 'ContactAttempted']);
  });

  it('records a dispute after the validation period, pausing or not as the creditor’s policy says', async () => {
    for (const [creditorId, paused] of [
      ['cred-1', true],
      ['cred-late', false],
    ] as const) {
      const accountId = await twoInvoices(creditorId);
      api.clock.set('2026-04-10T15:00:00Z');
      expect((await api.post(`/accounts/${accountId}/disputes`, { disputeId: 'd-1', reason: 'not mine' })).status).toBe(201);
      const events = (await api.get(`/accounts/${accountId}/events`)).body.events as { type: string; data: Record<string, unknown> }[];
      expect(events.at(-1)?.data).toMatchObject({ timely: false, pausesCollection: paused });
      const response = await call(accountId, '2026-04-10T15:00:00Z', 'no_answer');
      expect(response.status).toBe(paused ? 422 : 201);
    }
  });

  it('after a cease request sends only the notices the law allows, each once', async () => {
    const accountId = await twoInvoices();
    api.clock.set('2026-03-04T15:00:00Z');
    const notice = (body: object) => api.post(`/accounts/${accountId}/cease/notices`, body);
    expect((await notice({ kind: 'efforts_terminated', channel: 'letter' })).body).toMatchObject({ code: 'CEASE_NOT_REQUESTED' });
    expect((await api.post(`/accounts/${accountId}/cease`)).status).toBe(200);
    expect((await notice({ kind: 'efforts_terminated', channel: 'email' })).status).toBe(201);
    // A remedy threatens action: not while the validation period runs (1006.38(b)); the day after it ends, it goes.
    const lawsuit = { kind: 'remedy_intended', remedy: 'A lawsuit to collect the debt', channel: 'letter' };
    const early = await notice(lawsuit);
    expect(early.body).toMatchObject({ status: 422, code: 'VALIDATION_PERIOD' });
    api.clock.set(`${addDays(early.body.periodEndsOn as string, 1)}T15:00:00Z`);
    expect((await notice(lawsuit)).status).toBe(201);
    const before = await eventCount(api, accountId);
    expect((await notice({ kind: 'efforts_terminated', channel: 'letter' })).body).toMatchObject({ status: 409, code: 'NOTICE_ALREADY_SENT' });
    expect((await notice({ kind: 'remedy_intended', channel: 'letter' })).body).toMatchObject({ status: 422, code: 'REMEDY_REQUIRED' });
    expect((await notice({ kind: 'threat', channel: 'letter' })).status).toBe(400);
    expect((await call(accountId, '2026-03-04T15:00:00Z', 'no_answer')).body).toMatchObject({ code: 'CEASE_REQUESTED' });
    expect(await eventCount(api, accountId)).toBe(before);
  });

  it('replies once by a blocked medium to the debtor’s contact by it', async () => {
    const accountId = await twoInvoices();
    api.clock.set('2026-03-04T15:00:00Z');
    expect((await api.post(`/accounts/${accountId}/channels/email/reply`)).body).toMatchObject({ code: 'CHANNEL_NOT_BLOCKED' });
    expect((await api.post(`/accounts/${accountId}/channels/email/block`)).status).toBe(200);
    expect((await api.post(`/accounts/${accountId}/channels/email/reply`)).body).toMatchObject({ code: 'NO_INBOUND_CONTACT' });
    const inbound = { channel: 'email', direction: 'inbound', outcome: 'right_party_contact', at: '2026-03-04T14:00:00Z' };
    expect((await api.post(`/accounts/${accountId}/contacts`, inbound)).status).toBe(201);
    expect((await api.post(`/accounts/${accountId}/channels/email/reply`, { inboundAt: '2026-03-04T14:00:00Z' })).status).toBe(201);
    expect((await api.post(`/accounts/${accountId}/channels/email/reply`)).body).toMatchObject({ status: 409, code: 'ALREADY_REPLIED' });
    expect((await api.post(`/accounts/${accountId}/channels/call/reply`)).status).toBe(400);
  });
});
