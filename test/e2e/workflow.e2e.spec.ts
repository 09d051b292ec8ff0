import { accountWithInvoice, eventCount, invoiceBody, openAccountBody, startTestApi, type TestApi } from './support/test-api';

/**
 * The collections workflow over HTTP, with the service's clock under the test's control. The
 * debtor lives in New York: 15:00Z is 10:00 there in winter, 02:30Z is 21:30 the evening before.
 */
describe('collections workflow (e2e)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ now: '2026-03-02T15:00:00Z', env: { CONTACT_POLICIES: '{"cred-ma":{"maxCallsIn7Days":2}}' } });
  });
  afterAll(async () => {
    await api.close();
  });

  const call = (accountId: string, at: string, outcome = 'no_answer') =>
    api.post(`/accounts/${accountId}/contacts`, { channel: 'call', direction: 'outbound', outcome, at });
  async function validated() {
    const accountId = await accountWithInvoice(api);
    expect((await api.post(`/accounts/${accountId}/validation-notice`, { channel: 'letter' })).status).toBe(201);
    return accountId;
  }

  it('refuses a call at 21:30 local with its rule and the next allowed time, and allows it at 10:00', async () => {
    const accountId = await validated();
    api.clock.set('2026-03-03T02:30:00Z');
    const late = await call(accountId, '2026-03-03T02:30:00Z');
    expect(late.status).toBe(422);
    expect(late.body).toMatchObject({ code: 'OUTSIDE_CONTACT_HOURS', allowedFrom: '2026-03-03T13:00:00.000Z' });
    api.clock.set('2026-03-03T15:00:00Z');
    expect((await call(accountId, '2026-03-03T15:00:00Z')).status).toBe(201);
  });

  it('refuses the 8th call in 7 days, saying when calls are allowed again, and appends nothing', async () => {
    const accountId = await validated();
    for (let day = 3; day <= 9; day++) {
      const at = `2026-03-0${day}T15:00:00Z`;
      api.clock.set(at);
      expect((await call(accountId, at)).status).toBe(201);
    }
    const before = await eventCount(api, accountId);
    api.clock.set('2026-03-09T18:00:00Z');
    const eighth = await call(accountId, '2026-03-09T18:00:00Z');
    expect(eighth.status).toBe(422);
    // The 03-03 call leaves the window on 03-10; 08:00 in New York is 12:00Z after the change to daylight time.
    expect(eighth.body).toMatchObject({ code: 'CALL_FREQUENCY_LIMIT', allowedFrom: '2026-03-10T12:00:00.000Z' });
    expect(await eventCount(api, accountId)).toBe(before);
  });

  it('blocks contact once the debtor asks that communication cease', async () => {
    const accountId = await validated();
    expect((await api.post(`/accounts/${accountId}/cease`)).status).toBe(200);
    api.clock.set('2026-03-04T15:00:00Z');
    const refused = await api.post(`/accounts/${accountId}/contacts`, { channel: 'email', direction: 'outbound', outcome: 'left_message' });
    expect(refused.body).toMatchObject({ status: 422, code: 'CEASE_REQUESTED', allowedFrom: null });
  });

  it('pauses contact during a dispute and resumes it when the dispute is rejected, its verification sent (1006.38(d)(2)(i))', async () => {
    const accountId = await validated();
    api.clock.set('2026-03-04T15:00:00Z');
    expect((await api.post(`/accounts/${accountId}/disputes`, { disputeId: 'd-1', invoiceId: 'inv-1', reason: 'never received' })).status).toBe(201);
    expect((await call(accountId, '2026-03-04T15:00:00Z')).body).toMatchObject({ code: 'DISPUTE_OPEN' });
    const unverified = await api.post(`/accounts/${accountId}/disputes/d-1/resolve`, { outcome: 'rejected' });
    expect(unverified.body).toMatchObject({ status: 422, code: 'VERIFICATION_REQUIRED' });
    expect((await call(accountId, '2026-03-04T15:00:00Z')).body).toMatchObject({ code: 'DISPUTE_OPEN' });
    const verification = { channel: 'letter', sentOn: '2026-03-04' };
    expect((await api.post(`/accounts/${accountId}/disputes/d-1/resolve`, { outcome: 'rejected', verification })).status).toBe(200);
    expect((await call(accountId, '2026-03-04T15:00:00Z')).status).toBe(201);
  });

  it('records promises, holds, settlements, agency placement and legal escalation', async () => {
    const accountId = await validated();
    const steps: [string, unknown, number][] = [
      ['promises', { promiseId: 'pr-1', amount: 5_000, currency: 'USD', dueOn: '2026-03-20' }, 201],
      ['notes', { text: 'Debtor will pay on the 20th.' }, 201],
      ['assign', { agentId: 'agent-7' }, 200],
      ['holds', { holdId: 'h-1', reason: 'travelling', until: '2026-03-10' }, 201],
      ['holds/h-1/release', undefined, 200],
      ['channels/sms/block', undefined, 200],
      ['channels/sms/unblock', undefined, 200],
      ['hardship', { note: 'reduced hours' }, 200],
      ['settlements', { settlementId: 's-1', amount: 5_000, currency: 'USD', dueOn: '2026-03-31' }, 201],
      ['agency-placements', { agencyId: 'ag-1' }, 201],
      ['agency-placements/recall', undefined, 200],
      ['legal-escalations', { reason: 'no response' }, 201],
    ];
    for (const [path, body, status] of steps) {
      const response = await api.post(`/accounts/${accountId}/${path}`, body);
      expect({ path, status: response.status, body: response.status === status ? undefined : response.body }).toEqual({ path, status, body: undefined });
    }
    const history = await api.get(`/accounts/${accountId}/events`);
    expect(history.body.events.map((event: { type: string }) => event.type).slice(-12)).toEqual([
      'PromiseToPayMade',
      'NoteAdded',
      'AccountAssigned',
      'HoldPlaced',
      'HoldReleased',
      'ChannelBlocked',
      'ChannelUnblocked',
      'HardshipFlagged',
      'SettlementAgreed',
      'PlacedWithAgency',
      'RecalledFromAgency',
      'EscalatedToLegal',
    ]);
  });

  it('answers malformed requests with 400 naming each field, and unknown accounts with 404', async () => {
    const accountId = await validated();
    const bad = await api.post(`/accounts/${accountId}/contacts`, { channel: 'pigeon', direction: 'sideways', outcome: 'maybe', at: 'yesterday' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['at', 'channel', 'direction', 'outcome']);
    expect((await api.post(`/accounts/${accountId}/channels/pigeon/block`)).status).toBe(400);
    expect((await api.post(`/accounts/${accountId}/promises`, { promiseId: 'p', amount: 10.5, currency: 'USD', dueOn: '2026-03-20' })).status).toBe(400);
    expect((await api.post('/accounts/nobody/notes', { text: 'hello' })).body).toMatchObject({ status: 404, code: 'ACCOUNT_NOT_FOUND' });
  });

  it('sends the validation notice by e-mail only once electronic delivery is recorded, never by text (1006.34, 1006.42(b))', async () => {
    const accountId = await accountWithInvoice(api);
    api.clock.set('2026-03-02T15:00:00Z');
    expect((await api.post(`/accounts/${accountId}/validation-notice`, { channel: 'sms' })).status).toBe(400);
    expect((await api.post(`/accounts/${accountId}/validation-notice`, { channel: 'email' })).body).toMatchObject({
      status: 422,
      code: 'ELECTRONIC_DELIVERY_NOT_ESTABLISHED',
    });
    const bad = await api.post(`/accounts/${accountId}/electronic-delivery-consent`, { basis: 'verbal', consentedOn: '2026-02-30' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['basis', 'consentedOn']);
    expect((await api.post(`/accounts/${accountId}/electronic-delivery-consent`, { basis: 'esign_consent', consentedOn: '2026-03-05' })).body).toMatchObject({
      status: 422,
      code: 'CONSENT_IN_FUTURE',
    });
    expect((await api.post(`/accounts/${accountId}/electronic-delivery-consent`, { basis: 'esign_consent' })).status).toBe(201);
    const sent = await api.post(`/accounts/${accountId}/validation-notice`, { channel: 'email' });
    expect(sent.status).toBe(201);
    // Monday 03-02 + 5 business days = Monday 03-09; + 30 days = Wednesday 04-08 (1006.34(b)(5)).
    const events = (await api.get(`/accounts/${accountId}/events`)).body.events as { type: string; data: Record<string, unknown> }[];
    expect(events.find((event) => event.type === 'ValidationNoticeSent')?.data).toMatchObject({
      channel: 'email',
      receivedOn: '2026-03-09',
      periodEndsOn: '2026-04-08',
      itemization: { itemizationDate: expect.any(String), interest: 0, currency: 'USD' },
    });
  });

  it('holds a creditor to its stricter contact policy', async () => {
    const accountId = 'acc-ma-1';
    expect((await api.post('/accounts', openAccountBody(accountId, 'cred-ma'))).status).toBe(201);
    expect((await api.post(`/accounts/${accountId}/invoices`, invoiceBody('inv-1'))).status).toBe(201);
    expect((await api.post(`/accounts/${accountId}/validation-notice`, { channel: 'letter' })).status).toBe(201);
    api.clock.set('2026-03-04T17:00:00Z');
    expect((await call(accountId, '2026-03-04T15:00:00Z')).status).toBe(201);
    expect((await call(accountId, '2026-03-04T16:00:00Z')).status).toBe(201);
    expect((await call(accountId, '2026-03-04T17:00:00Z')).body).toMatchObject({
      status: 422,
      code: 'CALL_FREQUENCY_LIMIT',
      allowedFrom: '2026-03-11T12:00:00.000Z',
    });
  });
});
