import Stripe from 'stripe';
import { accountWithInvoice, as, eventCount, eventTypes, openAccountBody, paymentBody, startTestApi, uniqueId, type TestApi } from './support/test-api';

const stripeEnv = { PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'sk_test_arrears_offline', STRIPE_WEBHOOK_SECRET: 'whsec_arrears_offline_test' };
const webhook = '/online-payments/stripe/webhook';
// Only to sign payloads, as Stripe does: nothing here talks to Stripe.
const stripe = new Stripe(stripeEnv.STRIPE_SECRET_KEY);

/** Stripe's event envelope around an object, created at the test clock's instant. */
const stripeEvent = (api: TestApi, type: string, object: Record<string, unknown>) =>
  JSON.stringify({ id: uniqueId('evt'), object: 'event', api_version: '2026-10-28.endive', created: seconds(api), livemode: false, type, data: { object } });
const seconds = (api: TestApi) => Math.floor(api.clock.now().getTime() / 1000);

const sessionCompleted = (api: TestApi, accountId: string, paymentIntent: string, amount: number, creditorId = 'cred-1') =>
  stripeEvent(api, 'checkout.session.completed', {
    id: uniqueId('cs_test'),
    object: 'checkout.session',
    mode: 'payment',
    payment_status: 'paid',
    status: 'complete',
    amount_total: amount,
    currency: 'usd',
    payment_intent: paymentIntent,
    client_reference_id: accountId,
    metadata: { accountId, creditorId },
  });
const refund = (api: TestApi, refundId: string, paymentIntent: string, amount: number, status = 'succeeded') =>
  stripeEvent(api, 'refund.created', { id: refundId, object: 'refund', amount, currency: 'usd', payment_intent: paymentIntent, charge: 'ch_1', status });
const disputeClosed = (api: TestApi, disputeId: string, paymentIntent: string, amount: number, status: 'lost' | 'won') =>
  stripeEvent(api, 'charge.dispute.closed', {
    id: disputeId,
    object: 'dispute',
    amount,
    currency: 'usd',
    payment_intent: paymentIntent,
    charge: 'ch_1',
    status,
  });

describe('online payment through Stripe (signed webhooks, offline)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ env: stripeEnv });
  });
  afterAll(() => api.close());

  const deliver = (payload: string, secret = stripeEnv.STRIPE_WEBHOOK_SECRET, timestamp = seconds(api)) =>
    api.post(webhook, payload, { 'stripe-signature': stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp }) });
  const owed = async (accountId: string) => (await api.get(`/accounts/${accountId}/state?asOf=${api.clock.now().toISOString()}`)).body.balances.total;
  const payments = async (accountId: string) => (await eventTypes(api, accountId)).filter((type) => type.startsWith('Payment'));

  it('records a paid checkout session as one PaymentReceived, however often it is delivered', async () => {
    const accountId = await accountWithInvoice(api);
    const paid = sessionCompleted(api, accountId, 'pi_once', 5000);
    const first = await deliver(paid);
    expect(first).toMatchObject({ status: 200, body: { outcomes: [{ paymentId: 'pi_once', outcome: 'recorded' }] } });
    const events = (await api.get(`/accounts/${accountId}/events`)).body.events;
    expect(events.at(-1)).toMatchObject({
      type: 'PaymentReceived',
      data: { paymentId: 'pi_once', amount: 5000, currency: 'USD', receivedOn: '2026-03-01', method: 'card' },
      metadata: { actor: { id: 'stripe', role: 'system' } },
    });
    // The same delivery again, replayed, and the PaymentIntent's own event for the same payment.
    expect((await deliver(paid)).body).toEqual({ outcomes: [{ paymentId: 'pi_once', outcome: 'already_recorded' }] });
    const intent = stripeEvent(api, 'payment_intent.succeeded', {
      id: 'pi_once',
      object: 'payment_intent',
      amount_received: 5000,
      currency: 'usd',
      metadata: { accountId, creditorId: 'cred-1' },
    });
    expect((await deliver(intent)).body).toEqual({ outcomes: [{ paymentId: 'pi_once', outcome: 'already_recorded' }] });
    expect(await payments(accountId)).toEqual(['PaymentReceived']);
    expect(await owed(accountId)).toBe(12_500 - 5000);
  });

  it('answers 400 to a bad, missing or stale signature, and records nothing', async () => {
    const accountId = await accountWithInvoice(api);
    const before = await eventCount(api, accountId);
    const paid = sessionCompleted(api, accountId, 'pi_forged', 5000);
    const forged = await deliver(paid, 'whsec_someone_else');
    expect(forged).toMatchObject({ status: 400, body: { code: 'WEBHOOK_SIGNATURE_INVALID' } });
    expect((await api.post(webhook, paid)).status).toBe(400);
    expect((await deliver(paid, stripeEnv.STRIPE_WEBHOOK_SECRET, seconds(api) - 600)).body.code).toBe('WEBHOOK_SIGNATURE_INVALID');
    // Signed, then altered: the signature is over the exact bytes.
    const header = stripe.webhooks.generateTestHeaderString({ payload: paid, secret: stripeEnv.STRIPE_WEBHOOK_SECRET, timestamp: seconds(api) });
    expect((await api.post(webhook, paid.replace('5000', '9000'), { 'stripe-signature': header })).status).toBe(400);
    expect(await eventCount(api, accountId)).toBe(before);
  });

  it('reverses a refund and a lost chargeback, reopening what they paid, each once', async () => {
    const accountId = await accountWithInvoice(api);
    await deliver(sessionCompleted(api, accountId, 'pi_refunded', 10_000));
    expect(await owed(accountId)).toBe(2500);
    const partial = refund(api, 're_1', 'pi_refunded', 3000);
    expect((await deliver(partial)).body).toEqual({ outcomes: [{ paymentId: 'pi_refunded', outcome: 'recorded' }] });
    expect((await deliver(partial)).body).toEqual({ outcomes: [{ paymentId: 'pi_refunded', outcome: 'already_recorded' }] });
    expect(await owed(accountId)).toBe(5500);
    // A refund still pending may fail: nothing yet.
    expect((await deliver(refund(api, 're_2', 'pi_refunded', 1000, 'pending'))).body).toEqual({ outcomes: [] });
    // A dispute won gives the money back to the creditor: nothing; lost, the rest is taken back.
    expect((await deliver(disputeClosed(api, 'du_won', 'pi_refunded', 7000, 'won'))).body).toEqual({ outcomes: [] });
    expect((await deliver(disputeClosed(api, 'du_lost', 'pi_refunded', 7000, 'lost'))).body.outcomes).toEqual([
      { paymentId: 'pi_refunded', outcome: 'recorded' },
    ]);
    expect(await owed(accountId)).toBe(12_500);
    const reversals = (await api.get(`/accounts/${accountId}/events`)).body.events.filter((event: { type: string }) => event.type === 'PaymentReversed');
    expect(reversals.map(({ data }: { data: Record<string, unknown> }) => [data.reason, data.reversalId, data.amount])).toEqual([
      ['refund', 're_1', 3000],
      ['chargeback', 'du_lost', 7000],
    ]);
    // More than is left of the payment is refused, and logged, not retried.
    expect((await deliver(refund(api, 're_3', 'pi_refunded', 1))).body.outcomes).toEqual([
      expect.objectContaining({ paymentId: 'pi_refunded', outcome: 'refused', code: 'REVERSAL_EXCEEDS_PAYMENT' }),
    ]);
  });

  it('records a card payment captured after its account closed, which reopens it with the money as credit to refund', async () => {
    const accountId = await accountWithInvoice(api);
    // The debtor opened a checkout, then paid by cheque; the account was closed before the card payment was told.
    expect((await api.post(`/accounts/${accountId}/payments`, paymentBody('cheque-1', 12_500))).status).toBe(201);
    expect((await api.post(`/accounts/${accountId}/close`)).status).toBe(200);
    expect((await deliver(sessionCompleted(api, accountId, 'pi_after_close', 4000))).body.outcomes).toEqual([
      { paymentId: 'pi_after_close', outcome: 'recorded' },
    ]);
    expect((await eventTypes(api, accountId)).slice(-2)).toEqual(['AccountReopened', 'PaymentReceived']);
    const state = async () => (await api.get(`/accounts/${accountId}/state?asOf=${api.clock.now().toISOString()}`)).body;
    expect(await state()).toMatchObject({ status: 'open', balances: { total: 0, credit: 4000 } });
    // The creditor refunds it: the credit goes, and the account may close again.
    expect((await deliver(refund(api, 're_after_close', 'pi_after_close', 4000))).body.outcomes).toEqual([
      { paymentId: 'pi_after_close', outcome: 'recorded' },
    ]);
    expect(await state()).toMatchObject({ status: 'open', balances: { total: 0, credit: 0 } });
    expect((await api.post(`/accounts/${accountId}/close`)).status).toBe(200);
  });

  it('defers a refund that arrives before its payment (503, Retry-After), and takes it once the payment is in', async () => {
    const accountId = await accountWithInvoice(api);
    const early = refund(api, 're_early', 'pi_late', 2000);
    const deferred = await deliver(early);
    expect(deferred).toMatchObject({ status: 503, body: { code: 'PAYMENT_NOT_YET_KNOWN' } });
    expect(deferred.headers['retry-after']).toBe('60');
    expect(await payments(accountId)).toEqual([]);
    await deliver(sessionCompleted(api, accountId, 'pi_late', 4000));
    expect((await deliver(early)).status).toBe(200);
    expect(await payments(accountId)).toEqual(['PaymentReceived', 'PaymentReversed']);
    expect(await owed(accountId)).toBe(12_500 - 4000 + 2000);
  });

  it('keeps a refund whose payment has been awaited an hour (200), and takes it if the payment is told after all', async () => {
    const accountId = await accountWithInvoice(api);
    const twoHoursAgo = refund(api, 're_out_of_order', 'pi_after_outage', 1000).replace(`"created":${seconds(api)}`, `"created":${seconds(api) - 2 * 3600}`);
    const held = { paymentId: 'pi_after_outage', outcome: 'held', reason: expect.stringContaining('kept') as string };
    expect(await deliver(twoHoursAgo)).toMatchObject({ status: 200, body: { outcomes: [held] } });
    expect((await deliver(twoHoursAgo)).body).toEqual({ outcomes: [held] });
    expect(await payments(accountId)).toEqual([]);
    // After an outage the provider retries in no fixed order: the payment comes last, and the refund kept is taken with it, once.
    const paid = sessionCompleted(api, accountId, 'pi_after_outage', 4000);
    expect((await deliver(paid)).body).toEqual({
      outcomes: [
        { paymentId: 'pi_after_outage', outcome: 'recorded' },
        { paymentId: 'pi_after_outage', outcome: 'recorded' },
      ],
    });
    expect((await deliver(paid)).body.outcomes).toEqual([
      { paymentId: 'pi_after_outage', outcome: 'already_recorded' },
      { paymentId: 'pi_after_outage', outcome: 'already_recorded' },
    ]);
    expect(await payments(accountId)).toEqual(['PaymentReceived', 'PaymentReversed']);
    expect(await owed(accountId)).toBe(12_500 - 4000 + 1000);
    // A payment never told (one the provider took for something else) leaves its refund kept, and nothing recorded.
    const foreign = refund(api, 're_foreign', 'pi_foreign', 1000).replace(`"created":${seconds(api)}`, `"created":${seconds(api) - 2 * 3600}`);
    expect((await deliver(foreign)).body).toEqual({ outcomes: [{ ...held, paymentId: 'pi_foreign' }] });
  });

  it('records nothing for an unknown account or another creditor’s, answering without a 5xx', async () => {
    const unknown = await deliver(sessionCompleted(api, 'acc-nobody', 'pi_nobody', 1000));
    expect(unknown).toMatchObject({ status: 200, body: { outcomes: [{ paymentId: 'pi_nobody', outcome: 'refused', code: 'ACCOUNT_NOT_FOUND' }] } });
    const accountId = await accountWithInvoice(api);
    const before = await eventCount(api, accountId);
    const crossed = await deliver(sessionCompleted(api, accountId, 'pi_crossed', 1000, 'cred-2'));
    expect(crossed.body.outcomes).toEqual([expect.objectContaining({ outcome: 'refused', code: 'ACCOUNT_NOT_FOUND' })]);
    expect(await eventCount(api, accountId)).toBe(before);
    // A payment the account refuses (another currency) is refused again when told again, and so is its refund: nothing is waited for.
    const euros = sessionCompleted(api, accountId, 'pi_euros', 1000).replace('"usd"', '"eur"');
    expect((await deliver(euros)).body.outcomes).toEqual([expect.objectContaining({ outcome: 'refused', code: 'CURRENCY_MISMATCH' })]);
    expect((await deliver(euros)).body.outcomes).toEqual([expect.objectContaining({ outcome: 'refused', code: 'CURRENCY_MISMATCH' })]);
    expect((await deliver(refund(api, 're_euros', 'pi_euros', 1000))).body.outcomes).toEqual([
      expect.objectContaining({ outcome: 'refused', code: 'PAYMENT_NOT_RECORDED' }),
    ]);
    expect(await eventCount(api, accountId)).toBe(before);
    // An event of a session Arrears did not open (no account in its metadata) is none of its business.
    expect(
      (await deliver(stripeEvent(api, 'checkout.session.completed', { id: 'cs_other', payment_status: 'paid', payment_intent: 'pi_x', metadata: {} }))).body,
    ).toEqual({ outcomes: [] });
    expect((await deliver(stripeEvent(api, 'customer.created', { id: 'cus_1' }))).body).toEqual({ outcomes: [] });
  });

  it('takes a reversal from a payment system over the API too, answering what it reopened', async () => {
    const accountId = await accountWithInvoice(api);
    await api.post(`/accounts/${accountId}/payments`, paymentBody('pay-1', 5000));
    const reversal = { reversalId: 'rev-1', amount: 2000, currency: 'USD', reversedOn: '2026-02-20', reason: 'refund' };
    const reversed = await api.post(`/accounts/${accountId}/payments/pay-1/reversals`, reversal);
    expect(reversed).toMatchObject({
      status: 201,
      body: { paymentId: 'pay-1', reversalId: 'rev-1', reopened: [{ invoiceId: 'inv-1', amount: 2000 }], creditReversed: 0 },
    });
    const again = await api.post(`/accounts/${accountId}/payments/pay-1/reversals`, reversal);
    expect(again).toMatchObject({ status: 201, body: { reopened: [] } });
    expect((await api.post(`/accounts/${accountId}/payments/pay-1/reversals`, { ...reversal, reversalId: 'rev-2', amount: 3001 })).body).toMatchObject({
      status: 422,
      code: 'REVERSAL_EXCEEDS_PAYMENT',
      remaining: 3000,
    });
    expect((await api.post(`/accounts/${accountId}/payments/pay-9/reversals`, { ...reversal, reversalId: 'rev-3' })).body.code).toBe('PAYMENT_NOT_FOUND');
    expect(await owed(accountId)).toBe(12_500 - 5000 + 2000);
  });

  it('serves no test checkout page when Stripe is the provider', async () => {
    expect((await api.get(`/online-payments/test-checkout/tcs_${'0'.repeat(32)}`)).body.code).toBe('PAYMENT_PROVIDER_NOT_CONFIGURED');
  });
});

describe('online payment through the test provider (its hosted page over HTTP)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ env: { PAYMENT_PROVIDER: 'test', PUBLIC_URL: 'https://arrears.example.com' } });
  });
  afterAll(() => api.close());

  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const pagePath = (checkoutUrl: string) => checkoutUrl.replace('https://arrears.example.com', '');

  it('opens a checkout for what is owed, and refuses more, another currency or another creditor’s account', async () => {
    const accountId = await accountWithInvoice(api);
    const started = await api.post(`/accounts/${accountId}/checkout`, { amount: 12_500, currency: 'USD' });
    expect(started).toMatchObject({ status: 201, body: { accountId, provider: 'test', amount: 12_500, currency: 'USD' } });
    expect(started.body.checkoutUrl).toBe(`https://arrears.example.com/online-payments/test-checkout/${started.body.sessionId}`);
    expect((await api.post(`/accounts/${accountId}/checkout`, { amount: 12_501, currency: 'USD' })).body).toMatchObject({
      status: 422,
      code: 'AMOUNT_EXCEEDS_BALANCE',
      owed: 12_500,
    });
    expect((await api.post(`/accounts/${accountId}/checkout`, { amount: 100, currency: 'EUR' })).body.code).toBe('CURRENCY_MISMATCH');
    expect((await api.post(`/accounts/${accountId}/checkout`, { amount: 100, currency: 'USD', successUrl: 'https://evil.example/x' })).body.code).toBe(
      'RETURN_URL_NOT_OURS',
    );
    expect((await api.post(`/accounts/${accountId}/checkout`, { amount: 100, currency: 'USD' }, await as('agent', 'agent-2', ['cred-2']))).status).toBe(404);
    expect((await api.post(`/accounts/${accountId}/checkout`, { amount: 100, currency: 'USD' }, await as('auditor'))).status).toBe(403);
    expect((await api.post('/accounts/acc-none/checkout', { amount: 100, currency: 'USD' })).body.code).toBe('ACCOUNT_NOT_FOUND');
  });

  it('shows a page with Pay and Decline as plain forms, under a policy that runs no script', async () => {
    const accountId = await accountWithInvoice(api);
    const { body } = await api.post(`/accounts/${accountId}/checkout`, { amount: 2500, currency: 'USD', description: '<b>Invoice inv-1</b>' });
    const page = await api.get(pagePath(body.checkoutUrl));
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(
      "default-src 'none'; form-action 'self' https://arrears.example.com; frame-ancestors 'none'; base-uri 'none'",
    );
    expect(page.body).toContain(`<form method="post" action="/online-payments/test-checkout/${body.sessionId}/pay">`);
    expect(page.body).toContain('&lt;b&gt;Invoice inv-1&lt;/b&gt;');
    expect(page.body).not.toMatch(/<script|style=|\son\w+=/i);
  });

  it('records the payment once on Pay and sends the payer back; Decline records nothing', async () => {
    const accountId = await accountWithInvoice(api);
    const { body } = await api.post(`/accounts/${accountId}/checkout`, {
      amount: 2500,
      currency: 'USD',
      successUrl: 'https://arrears.example.com/portal/thanks',
    });
    const declined = await api.post(`${pagePath(body.checkoutUrl)}/decline`, '', form);
    expect(declined.status).toBe(200);
    expect(declined.body).toContain('Payment declined');
    expect(await eventTypes(api, accountId)).not.toContain('PaymentReceived');
    const paid = await api.post(`${pagePath(body.checkoutUrl)}/pay`, '', form);
    expect(paid.status).toBe(303);
    expect(paid.headers.location).toBe('https://arrears.example.com/portal/thanks');
    expect(paid.body).toContain('Payment received');
    expect((await api.post(`${pagePath(body.checkoutUrl)}/pay`, '', form)).status).toBe(303);
    const received = (await api.get(`/accounts/${accountId}/events`)).body.events.filter((event: { type: string }) => event.type === 'PaymentReceived');
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      data: { amount: 2500, currency: 'USD', paymentId: expect.stringMatching(/^tpi_/) },
      metadata: { actor: { id: 'test', role: 'system' } },
    });
  });

  it('refuses an altered or malformed session, and a Stripe webhook when the test provider is configured', async () => {
    const accountId = uniqueId('acc');
    await api.post('/accounts', openAccountBody(accountId));
    await api.post(`/accounts/${accountId}/invoices`, { invoiceId: 'inv-1', amount: 1000, currency: 'USD', issuedOn: '2026-01-01', dueOn: '2026-01-31' });
    const { body } = await api.post(`/accounts/${accountId}/checkout`, { amount: 1000, currency: 'USD' });
    const altered = (body.sessionId as string).replace(/.$/, (last) => (last === '0' ? '1' : '0'));
    expect((await api.get(`/online-payments/test-checkout/${altered}`)).body.code).toBe('CHECKOUT_SESSION_NOT_FOUND');
    expect((await api.post(`/online-payments/test-checkout/${altered}/pay`, '', form)).status).toBe(404);
    expect((await api.get('/online-payments/test-checkout/not-a-session')).status).toBe(400);
    expect((await api.post(webhook, '{}', { 'stripe-signature': 't=1,v1=00' })).body.code).toBe('PAYMENT_PROVIDER_NOT_CONFIGURED');
  });

  it('thanks the payer on its own page when the checkout named none', async () => {
    const thanks = await api.get('/online-payments/finished/paid');
    expect(thanks.status).toBe(200);
    expect(thanks.body).toContain('Thank you');
    expect((await api.get('/online-payments/finished/lost')).status).toBe(400);
  });
});
