import { createHash } from 'node:crypto';
import { portalPolicy } from '../../apps/api/src/portal/portal-site';
import { as, eventTypes, invoiceBody, openAccountBody, paymentBody, startTestApi, uniqueId, wakeScheduler, type TestApi } from './support/test-api';

/**
 * The debtor's portal over HTTP: a supervisor mints a link, the debtor opens it with the postal code on
 * file and acts on their account through the agent's deciders. The debtor lives in New York.
 */
describe('the debtor’s portal (e2e)', () => {
  let api: TestApi;
  beforeAll(async () => {
    // Every account on the standard strategy (its reminder e-mail 3 days before the due date), whatever its id hashes to.
    api = await startTestApi({
      now: '2026-03-02T15:00:00Z',
      env: { COLLECTION_STRATEGIES: JSON.stringify({ default: { champion: 'standard' } }), PAYMENT_PROVIDER: 'test' },
    });
  });
  afterAll(async () => {
    await api.close();
  });

  async function account(): Promise<string> {
    api.clock.set('2026-03-02T15:00:00Z');
    const accountId = uniqueId('acc');
    expect((await api.post('/accounts', openAccountBody(accountId))).status).toBe(201);
    expect((await api.post(`/accounts/${accountId}/invoices`, invoiceBody('inv-1'))).status).toBe(201);
    return accountId;
  }
  async function link(accountId: string, body: object = {}): Promise<{ token: string; linkId: string }> {
    const issued = await api.post(`/accounts/${accountId}/portal-links`, body);
    expect(issued.status).toBe(201);
    return { token: (issued.body.url as string).split('#link=')[1] as string, linkId: issued.body.linkId as string };
  }
  const signIn = (token: string, postalCode = '12207') => api.post('/portal/api/sessions', { link: token, postalCode }, { authorization: '' });
  async function session(accountId: string): Promise<Record<string, string>> {
    const opened = await signIn((await link(accountId)).token);
    expect(opened.status).toBe(201);
    return { authorization: `Bearer ${opened.body.token as string}` };
  }

  it('opens with the postal code on file, shows the balance, and takes a plan the creditor offers; each step recorded as the debtor', async () => {
    const accountId = await account();
    const { token } = await link(accountId);
    expect((await signIn(token, '99999')).body).toMatchObject({ status: 401, code: 'SECOND_FACTOR_WRONG', attemptsLeft: 4 });
    const opened = await signIn(token, ' 12207');
    expect(opened.body).toMatchObject({ accountId, language: 'en' });
    const debtor = { authorization: `Bearer ${opened.body.token as string}` };
    const view = await api.get('/portal/api/account', debtor);
    expect(view.body).toMatchObject({ accountId, balance: { total: 12_500 }, invoices: [{ invoiceId: 'inv-1', outstanding: 12_500 }] });
    expect(view.body.planOffers.map((offer: { installmentCount: number }) => offer.installmentCount)).toEqual([3, 6]);
    expect(view.body.planOffers[0].installments.map((i: { amount: number }) => i.amount)).toEqual([4167, 4167, 4166]);
    expect((await api.post('/portal/api/plans', { planId: 'plan-1', installmentCount: 12 }, debtor)).body).toMatchObject({
      status: 422,
      code: 'PLAN_OFFER_NOT_AVAILABLE',
    });
    expect((await api.post('/portal/api/plans', { planId: 'plan-1', installmentCount: 3 }, debtor)).body).toMatchObject({
      covers: [{ invoiceId: 'inv-1', amount: 12_500 }],
    });
    expect((await api.get('/portal/api/account', debtor)).body.plan.installments).toHaveLength(3);
    const statement = await api.get('/portal/api/statement', debtor);
    expect(statement.status).toBe(200);
    expect(String(statement.body)).toContain('Account statement');
    // Its one style is allowed by hash, by its own policy and by the portal's (a blob tab opened from the portal inherits that one).
    const style = /<style>(.*?)<\/style>/.exec(String(statement.body))?.[1] ?? '';
    const allowed = `'sha256-${createHash('sha256').update(style).digest('base64')}'`;
    expect(statement.headers['content-security-policy']).toContain(`style-src ${allowed}`);
    expect(portalPolicy).toContain(`style-src 'self' ${allowed}`);
    expect(await eventTypes(api, accountId)).toEqual(expect.arrayContaining(['PortalLinkIssued', 'PortalSecondFactorFailed', 'PortalAccessed', 'PlanAgreed']));
    const events = (await api.get(`/accounts/${accountId}/events`)).body.events as { type: string; metadata: { actor: { role: string } } }[];
    expect(events.find((event) => event.type === 'PlanAgreed')?.metadata.actor).toEqual({ id: `debtor:${accountId}`, role: 'debtor' });
  });

  it('refuses a forged link (401), an expired one and a revoked one (403); revoking ends a session on its next request', async () => {
    const accountId = await account();
    const { token, linkId } = await link(accountId, { days: 1 });
    const [payload] = token.split('.');
    expect((await signIn(`${payload}.${'A'.repeat(22)}`)).body).toMatchObject({ status: 401, code: 'PORTAL_LINK_INVALID' });
    const debtor = await session(accountId);
    api.clock.set('2026-03-03T16:00:00Z');
    expect((await signIn(token)).body).toMatchObject({ status: 403, code: 'PORTAL_LINK_EXPIRED' });
    api.clock.set('2026-03-02T15:00:00Z');
    expect((await api.post(`/accounts/${accountId}/portal-links/revoke`, { linkId })).status).toBe(200);
    expect((await signIn(token)).body).toMatchObject({ status: 403, code: 'PORTAL_LINK_REVOKED' });
    expect((await api.get('/portal/api/account', debtor)).status).toBe(200);
    expect((await api.post(`/accounts/${accountId}/portal-links/revoke`)).status).toBe(200);
    expect((await api.get('/portal/api/account', debtor)).body).toMatchObject({ status: 403, code: 'PORTAL_LINK_REVOKED' });
  });

  it('answers a retry under the same Idempotency-Key with the link first recorded, not a new one', async () => {
    const accountId = await account();
    const headers = { 'idempotency-key': `link-${accountId}` };
    const first = await api.post(`/accounts/${accountId}/portal-links`, { days: 7 }, headers);
    expect(first.status).toBe(201);
    api.clock.advance(60_000);
    const retried = await api.post(`/accounts/${accountId}/portal-links`, { days: 7 }, headers);
    expect(retried.status).toBe(201);
    expect(retried.body).toEqual(first.body);
    const events = (await api.get(`/accounts/${accountId}/events`)).body.events as { type: string }[];
    expect(events.filter((event) => event.type === 'PortalLinkIssued')).toHaveLength(1);
    expect((await signIn((retried.body.url as string).split('#link=')[1] as string)).status).toBe(201);
  });

  it('takes the days a link stays good as a JSON number only', async () => {
    const accountId = await account();
    for (const days of ['30', true, [30], null, 0, 366, 1.5]) {
      const refused = await api.post(`/accounts/${accountId}/portal-links`, { days });
      expect({ days, status: refused.status, errors: refused.body.errors }).toMatchObject({
        days,
        status: 400,
        errors: [expect.objectContaining({ field: 'days' })],
      });
    }
    expect((await api.post(`/accounts/${accountId}/portal-links`, { days: 30 })).status).toBe(201);
  });

  it('locks a link after 5 wrong answers in a row, for good', async () => {
    const accountId = await account();
    const { token } = await link(accountId);
    for (let left = 4; left >= 1; left--) expect((await signIn(token, '00000')).body).toMatchObject({ status: 401, attemptsLeft: left });
    expect((await signIn(token, '00000')).body).toMatchObject({ status: 403, code: 'PORTAL_LINK_LOCKED' });
    expect((await signIn(token)).body).toMatchObject({ status: 403, code: 'PORTAL_LINK_LOCKED' });
    expect(await eventTypes(api, accountId)).toContain('PortalLinkLocked');
  });

  it('keeps a portal token to its account and to the portal, and staff tokens out of the portal', async () => {
    const mine = await account();
    const theirs = await account();
    const debtor = await session(mine);
    expect((await api.get(`/accounts/${theirs}`, debtor)).status).toBe(401);
    expect((await api.get(`/accounts/${mine}`, debtor)).status).toBe(401);
    expect((await api.post(`/accounts/${theirs}/promises`, { promiseId: 'p-1', amount: 100, currency: 'USD', dueOn: '2026-03-20' }, debtor)).status).toBe(401);
    expect((await api.get('/portal/api/account', debtor)).body.accountId).toBe(mine);
    expect((await api.get('/portal/api/account', await as('supervisor'))).body).toMatchObject({ status: 403, code: 'ROLE_NOT_ALLOWED' });
    const tampered = `${debtor.authorization?.slice(0, -4)}AAAA`;
    expect((await api.get('/portal/api/account', { authorization: tampered })).status).toBe(401);
    expect((await api.get('/portal/api/account', { authorization: '' })).status).toBe(401);
  });

  it('refuses hostile input with 400 and a rule’s refusal with 422, changing nothing', async () => {
    const accountId = await account();
    const debtor = await session(accountId);
    const before = (await eventTypes(api, accountId)).length;
    for (const body of [{ link: '<script>', postalCode: '12207' }, { link: 'a.b', postalCode: 'x'.repeat(50) }, { link: ['x'] }, {}]) {
      expect((await api.post('/portal/api/sessions', body, { authorization: '' })).status).toBe(400);
    }
    expect((await api.post('/portal/api/promises', { promiseId: 'p-1', amount: -5, currency: 'USD', dueOn: '2026-03-20' }, debtor)).status).toBe(400);
    expect((await api.post('/portal/api/disputes', { disputeId: 'd-1', reason: 'x'.repeat(1001) }, debtor)).status).toBe(400);
    expect((await api.post('/portal/api/plans', { planId: 'plan-1', installmentCount: 99 }, debtor)).status).toBe(400);
    expect((await api.post('/portal/api/channels/pigeon/opt-out', undefined, debtor)).status).toBe(400);
    expect((await api.post('/portal/api/promises', { promiseId: 'p-1', amount: 100, currency: 'USD', dueOn: '2026-01-01' }, debtor)).status).toBe(422);
    expect((await eventTypes(api, accountId)).length).toBe(before);
  });

  it('takes a promise, a dispute with its attachment, a request for the original creditor, an opt-out, contact hours and a settlement offer', async () => {
    const accountId = await account();
    const debtor = await session(accountId);
    expect((await api.post('/portal/api/promises', { promiseId: 'p-1', amount: 5000, currency: 'USD', dueOn: '2026-03-20' }, debtor)).status).toBe(201);
    expect((await api.post('/portal/api/preferred-contact-time', { from: '18:00', to: '20:00' }, debtor)).status).toBe(201);
    expect((await api.post('/portal/api/channels/sms/opt-out', undefined, debtor)).status).toBe(200);
    expect((await api.post('/portal/api/original-creditor-requests', { requestId: 'r-1' }, debtor)).status).toBe(201);
    const dispute = { disputeId: 'd-1', reason: 'I paid this in January', attachmentRef: 'upload-7' };
    expect((await api.post('/portal/api/disputes', dispute, debtor)).status).toBe(201);
    const offer = { offerId: 'offer-1', amount: 9000, currency: 'USD', dueOn: '2026-03-31', expiresOn: '2026-03-15' };
    expect((await api.post(`/accounts/${accountId}/settlement-offers`, offer)).status).toBe(201);
    const view = (await api.get('/portal/api/account', debtor)).body;
    expect(view).toMatchObject({ promise: { promiseId: 'p-1' }, blockedChannels: ['sms'], settlementOffers: [{ offerId: 'offer-1', amount: 9000 }] });
    expect((await api.post('/portal/api/settlement-offers/offer-1/accept', undefined, debtor)).status).toBe(201);
    expect((await api.post('/portal/api/settlement-offers/offer-1/accept', undefined, debtor)).body).toMatchObject({ code: 'SETTLEMENT_ALREADY_AGREED' });
    const events = (await api.get(`/accounts/${accountId}/events`)).body.events as { type: string; data: Record<string, unknown> }[];
    expect(events.find((event) => event.type === 'DisputeRaised')?.data).toMatchObject({ attachmentRef: 'upload-7' });
  });

  it('puts a working portal link in the reminder e-mail the timeline sends', async () => {
    api.clock.set('2026-03-02T15:00:00Z');
    const accountId = uniqueId('acc');
    expect((await api.post('/accounts', openAccountBody(accountId))).status).toBe(201);
    expect((await api.post(`/accounts/${accountId}/invoices`, invoiceBody('inv-1', { issuedOn: '2026-03-01', dueOn: '2026-03-05' }))).status).toBe(201);
    await wakeScheduler(api);
    const events = (await api.get(`/accounts/${accountId}/events`)).body.events as { type: string; data: { channel?: string; message?: { body: string } } }[];
    const reminder = events.find((event) => event.type === 'ReminderSent' && event.data.channel === 'email');
    const url = /http:\/\/\S+\/portal\/#link=(\S+)/.exec(reminder?.data.message?.body ?? '');
    expect(url?.[1]).toMatch(/^[\w-]+\.[\w-]{22}$/);
    const opened = await signIn(url?.[1] as string);
    expect(opened.body).toMatchObject({ accountId });
    // Every read model took the portal's facts (this file's accounts' too) without parking one.
    await wakeScheduler(api);
    expect((await api.get('/parked-events')).body.parkedEvents).toEqual([]);
    const history = (await api.get(`/accounts/${accountId}/history?limit=100`)).body.items.map((item: { summary: string }) => item.summary);
    expect(history).toEqual(expect.arrayContaining([expect.stringMatching(/^The debtor opened the portal \(link n-/)]));
  });

  it('pays through a hosted checkout for the portal’s own account, at most what is owed, and back to the thank-you page', async () => {
    const accountId = await account();
    const debtor = await session(accountId);
    expect((await api.post('/portal/api/checkout', { amount: 12_501 }, debtor)).body).toMatchObject({ status: 422, code: 'AMOUNT_EXCEEDS_BALANCE' });
    expect((await api.post('/portal/api/checkout', { amount: -1 }, debtor)).status).toBe(400);
    expect((await api.post('/portal/api/checkout', { amount: 100 }, await as('supervisor'))).status).toBe(403);
    const started = await api.post('/portal/api/checkout', { amount: 5000 }, debtor);
    expect(started.body).toMatchObject({ accountId, provider: 'test', amount: 5000, currency: 'USD' });
    const paid = await api.post(`${new URL(started.body.checkoutUrl as string).pathname}/pay`, '', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(paid.status).toBe(303);
    expect(paid.headers.location).toMatch(/\/portal\/thanks$/);
    const view = (await api.get('/portal/api/account', debtor)).body;
    expect(view).toMatchObject({ balance: { total: 7500 }, payments: [{ amount: 5000 }] });
  });

  it('shows a payment charged back as taken back, on the page and on the statement', async () => {
    const accountId = await account();
    const debtor = await session(accountId);
    const paid = paymentBody('pay-card', 3000, { receivedOn: '2026-03-02' });
    expect((await api.post(`/accounts/${accountId}/payments`, paid)).status).toBe(201);
    const chargeback = { reversalId: 'cb-1', amount: 3000, currency: 'USD', reversedOn: '2026-03-02', reason: 'chargeback' };
    expect((await api.post(`/accounts/${accountId}/payments/pay-card/reversals`, chargeback)).status).toBe(201);
    const view = (await api.get('/portal/api/account', debtor)).body;
    expect(view).toMatchObject({ balance: { total: 12_500 }, payments: [{ paymentId: 'pay-card', amount: 3000, reversed: 3000 }] });
    expect(String((await api.get('/portal/api/statement', debtor)).body)).toContain('(card), USD 30.00 returned');
  });

  it('asks, under an agreed settlement, only what is left of it: a part paid by cheque is not asked again', async () => {
    const accountId = await account();
    const debtor = await session(accountId);
    const offer = { offerId: 'offer-1', amount: 9000, currency: 'USD', dueOn: '2026-03-31', expiresOn: '2026-03-15' };
    expect((await api.post(`/accounts/${accountId}/settlement-offers`, offer)).status).toBe(201);
    expect((await api.post('/portal/api/settlement-offers/offer-1/accept', undefined, debtor)).status).toBe(201);
    expect((await api.post(`/accounts/${accountId}/payments`, paymentBody('cheque-1', 2000, { receivedOn: '2026-03-02', method: 'check' }))).status).toBe(201);
    const view = (await api.get('/portal/api/account', debtor)).body;
    expect(view).toMatchObject({ balance: { total: 10_500 }, settlement: { amount: 9000, paid: 2000 }, dueNow: 7000 });
    expect((await api.post('/portal/api/checkout', { amount: 7001 }, debtor)).body).toMatchObject({ status: 422, code: 'AMOUNT_EXCEEDS_BALANCE' });
    expect((await api.post('/portal/api/checkout', { amount: 7000 }, debtor)).body).toMatchObject({ amount: 7000, currency: 'USD' });
  });
});
