import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deliveredNotifications } from './support/notification-log';
import { eventCount, eventTypes, openAccountBody, readModelsCaughtUp, startTestApi, uniqueId, wakeScheduler, type TestApi } from './support/test-api';

/**
 * One account's collection, told day by day on embedded PostgreSQL with the clock moved by hand:
 * the invoice falls due, a reminder goes out, the payment is missed, the agent calls (refused at
 * 21:30, allowed at 10:00), gets a promise that breaks, agrees a plan, two installments are paid
 * and one is missed, the debtor disputes, collection pauses, the dispute is rejected, the plan
 * completes and the account closes. At each step the history, the worklist and the KPIs say so.
 * The debtor lives in New York (UTC−4 from 8 March).
 */
describe('a collection, from invoice to closed account', () => {
  let api: TestApi;
  let dataDir: string;
  const creditorId = uniqueId('cred');
  const accountId = uniqueId('acc');
  const account = `/accounts/${accountId}`;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'arrears-story-'));
    const standardOnly = JSON.stringify({ default: { champion: 'standard' } });
    api = await startTestApi({ now: '2026-03-01T15:00:00Z', env: { DATA_DIR: dataDir, COLLECTION_STRATEGIES: standardOnly } });
  });
  afterAll(async () => {
    await api.close();
  });

  const on = (instant: string) => {
    api.clock.set(instant);
  };
  const worklistLine = async () => {
    await readModelsCaughtUp(api);
    const worklist = await api.get(`/worklist?creditorId=${creditorId}`);
    return worklist.body.items.find((item: { accountId: string }) => item.accountId === accountId);
  };
  const history = async () => {
    await readModelsCaughtUp(api);
    return (await api.get(`${account}/history?limit=100`)).body.items.map((item: { summary: string }) => item.summary) as string[];
  };
  const workflowKpis = async () => {
    await readModelsCaughtUp(api);
    return (await api.get(`/kpis?creditorId=${creditorId}&from=2026-03-01&to=2026-07-31`)).body.currencies.USD.period;
  };
  const view = async () => {
    await readModelsCaughtUp(api);
    return (await api.get(account)).body;
  };
  const call = (outcome: string) => api.post(`${account}/contacts`, { channel: 'call', direction: 'outbound', outcome });

  it('1 March: the account opens with an invoice due 31 March; the timeline starts and nothing is due yet', async () => {
    expect((await api.post('/accounts', openAccountBody(accountId, creditorId))).status).toBe(201);
    const invoice = { invoiceId: 'inv-1', amount: 50_000, currency: 'USD', issuedOn: '2026-03-01', dueOn: '2026-03-31', terms: { graceDays: 3 } };
    expect((await api.post(`${account}/invoices`, invoice)).status).toBe(201);
    await wakeScheduler(api);
    expect(await history()).toContain('Invoice inv-1 follows strategy standard (champion); next step on 2026-03-28.');
    expect(await worklistLine()).toBeUndefined();
  });

  it('28 March, 10:00: the reminder goes out by e-mail, with the validation notice by letter', async () => {
    on('2026-03-28T14:00:00Z');
    await wakeScheduler(api);
    await wakeScheduler(api);
    const sent = (await deliveredNotifications(api, dataDir)).notifications;
    // Without e-mail consent the notice goes only by letter (1006.34(a)(1)(i), 1006.42).
    expect(sent.map(({ id, channel, to }) => ({ id, channel, to }))).toEqual([
      { id: `${accountId}:inv-1:reminder`, channel: 'email', to: 'ada@example.com' },
      { id: `${accountId}:validation-notice`, channel: 'letter', to: expect.anything() },
    ]);
    expect(await history()).toContain('Reminder payment-reminder queued by email for invoice inv-1 (USD 500.00 due 2026-03-31).');
  });

  it('4 April: grace is over and the timeline marks the payment missed; the account joins the worklist', async () => {
    on('2026-04-04T14:00:00Z');
    await wakeScheduler(api);
    expect(await eventTypes(api, accountId)).toContain('PaymentMissed');
    expect(await worklistLine()).toMatchObject({ daysPastDue: 4, overdueAmount: 50_000, contact: { contactableNow: true, callsInWindow: 0 } });
  });

  it('5 April, 21:30: the agent’s call is refused, with the time calls open; nothing is recorded', async () => {
    on('2026-04-06T01:30:00Z');
    const before = await eventCount(api, accountId);
    const refused = await call('no_answer');
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'OUTSIDE_CONTACT_HOURS', allowedFrom: '2026-04-06T12:00:00.000Z' });
    expect(await eventCount(api, accountId)).toBe(before);
  });

  it('6 April, 10:00: the call gets through and the debtor promises 200.00 by 10 April', async () => {
    on('2026-04-06T14:00:00Z');
    expect((await call('right_party_contact')).status).toBe(201);
    expect((await api.post(`${account}/promises`, { promiseId: 'p-1', amount: 20_000, currency: 'USD', dueOn: '2026-04-10' })).status).toBe(201);
    // After a conversation, no calls for 7 days: the next one from 08:00 on 13 April.
    expect((await worklistLine()).contact).toMatchObject({ callsInWindow: 1, contactableNow: false, nextCallAllowedAt: '2026-04-13T12:00:00.000Z' });
  });

  it('13 April: nothing was paid, the promise breaks on its own and the account moves up the worklist', async () => {
    on('2026-04-13T14:00:00Z');
    await wakeScheduler(api);
    expect(await history()).toContain('Promise p-1 broken: 0 minor units of 20,000 minor units paid.');
    expect((await worklistLine()).score.parts.brokenPromises).toBe(10);
    expect((await workflowKpis()).workflow.promises).toEqual({ kept: 0, broken: 1, keptRate: 0 });
  });

  it('14 April: a plan of three installments is agreed and the account leaves the worklist', async () => {
    on('2026-04-14T14:00:00Z');
    const installments = [
      { dueOn: '2026-05-01', amount: 20_000 },
      { dueOn: '2026-06-01', amount: 20_000 },
      { dueOn: '2026-07-01', amount: 10_000 },
    ];
    expect((await api.post(`${account}/plans`, { planId: 'plan-1', currency: 'USD', installments })).status).toBe(201);
    expect(await worklistLine()).toBeUndefined();
  });

  it('1 May and 1 June: two installments are paid', async () => {
    for (const [paymentId, day] of [
      ['pay-1', '2026-05-01'],
      ['pay-2', '2026-06-01'],
    ] as const) {
      on(`${day}T14:00:00Z`);
      const paid = await api.post(`${account}/payments`, { paymentId, amount: 20_000, currency: 'USD', receivedOn: day, method: 'card' });
      expect(paid.body).toMatchObject({ planCompleted: false });
    }
  });

  it('5 July: the third installment was not paid within grace and is marked missed; the plan holds', async () => {
    on('2026-07-05T14:00:00Z');
    await wakeScheduler(api);
    const types = await eventTypes(api, accountId);
    expect(types).toContain('InstallmentMissed');
    expect(types).not.toContain('PlanBroken');
  });

  it('6 July: the debtor disputes the debt and collection pauses', async () => {
    on('2026-07-06T14:00:00Z');
    expect((await api.post(`${account}/disputes`, { disputeId: 'd-1', reason: 'The amount is wrong' })).status).toBe(201);
    const refused = await call('no_answer');
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'DISPUTE_OPEN', allowedFrom: null });
    expect((await view()).disputes).toEqual([expect.objectContaining({ disputeId: 'd-1', status: 'open' })]);
  });

  it('8 July: the dispute is rejected, validation is provided and collection resumes', async () => {
    on('2026-07-08T14:00:00Z');
    const verification = { channel: 'letter', sentOn: '2026-07-08' };
    expect((await api.post(`${account}/disputes/d-1/resolve`, { outcome: 'rejected', verification })).status).toBe(200);
    expect((await view()).contact).toMatchObject({ contactableNow: true });
  });

  it('9 July: the last installment is paid, the plan completes and the account closes', async () => {
    on('2026-07-09T14:00:00Z');
    const paid = await api.post(`${account}/payments`, { paymentId: 'pay-3', amount: 10_000, currency: 'USD', receivedOn: '2026-07-09', method: 'card' });
    expect(paid.body).toMatchObject({ planCompleted: true });
    expect((await api.post(`${account}/close`)).status).toBe(200);
    expect(await view()).toMatchObject({ status: 'closed', balances: { total: 0 } });
  });

  it('afterwards, the history tells the story in order, and the KPIs add it up', async () => {
    const story = (await eventTypes(api, accountId)).filter((type) => !type.startsWith('CollectionStep') && type !== 'InstallmentPaid');
    expect(story).toEqual([
      'AccountOpened',
      'InvoiceIssued',
      'CollectionTimelineStarted',
      'ReminderSent',
      'ValidationNoticeSent',
      'PaymentMissed',
      'ContactAttempted',
      'PromiseToPayMade',
      'PromiseBroken',
      'ReminderSent', // the past-due SMS, due since 6 April, goes out on the scheduler's next wake
      'PlanAgreed',
      'PaymentReceived',
      'PaymentReceived',
      'InstallmentMissed',
      'DisputeRaised',
      'DisputeResolved',
      'PaymentReceived',
      'PlanCompleted',
      'AccountClosed',
    ]);
    const events = (await api.get(`${account}/events`)).body.events as { type: string; data: { step?: string; reason?: string } }[];
    const steps = events
      .filter((event) => event.type.startsWith('CollectionStep'))
      .map(({ type, data }) => (data.reason ? `${data.step} ${type === 'CollectionStepDeferred' ? 'deferred' : 'skipped'}: ${data.reason}` : data.step));
    expect(steps).toEqual([
      'reminder',
      'payment_missed',
      'sms',
      'call_task',
      'late_fee skipped: no_late_fee_terms',
      // Both fell due under the plan; by the scheduler's next wake the notice was stale, and the placement
      // waited for the plan, which was completed.
      'final_notice skipped: stale',
      'agency_placement deferred: plan',
    ]);
    expect(await history()).toHaveLength(events.length);
    const { collected, workflow } = await workflowKpis();
    expect(collected).toBe(50_000);
    expect(workflow).toMatchObject({
      promises: { kept: 0, broken: 1, keptRate: 0 },
      contacts: { outbound: 1, rightParty: 1, rightPartyContactRate: 100 },
      collectedByStrategy: { champion: 50_000, challenger: 0 },
    });
  });
});
