import { as, eventCount, invoiceBody, openAccountBody, paymentBody, startTestApi, uniqueId, type TestApi } from './support/test-api';

/**
 * The read side over HTTP: the service runs its projector in-process, and every read passes the
 * position its command returned (`minPosition`) instead of sleeping.
 */
describe('read side (e2e)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ now: '2026-03-01T15:00:00Z' });
  });
  afterAll(async () => {
    await api.close();
  });

  /** Opens an account of `creditorId` and issues it one invoice due on `dueOn`; returns the last position. */
  async function delinquent(creditorId: string, amount: number, dueOn: string, accountId = uniqueId('acc')) {
    expect((await api.post('/accounts', openAccountBody(accountId, creditorId))).status).toBe(201);
    const invoice = invoiceBody('inv-1', { amount, issuedOn: '2025-10-01', dueOn, terms: { graceDays: 0 } });
    const issued = await api.post(`/accounts/${accountId}/invoices`, invoice);
    expect(issued.status).toBe(201);
    return { accountId, position: issued.body.position as number };
  }

  it('shows an account with its balances, days past due and aging once the projection reaches the command’s position', async () => {
    const { accountId } = await delinquent(uniqueId('cred'), 12_500, '2026-01-31');
    const paid = await api.post(`/accounts/${accountId}/payments`, paymentBody('pay-1', 2_500, { receivedOn: '2026-03-01' }));
    const account = await api.get(`/accounts/${accountId}?minPosition=${paid.body.position}`);
    expect(account.status).toBe(200);
    expect(account.body).toMatchObject({
      accountId,
      status: 'open',
      currency: 'USD',
      balances: { total: 10_000, overdue: 10_000, credit: 0 },
      daysPastDue: 29,
      agingBucket: '1-30',
      lastPayment: { paymentId: 'pay-1', amount: 2_500 },
      invoices: [{ invoiceId: 'inv-1', outstanding: 10_000, daysPastDue: 29, agingBucket: '1-30' }],
    });
    expect(account.body.position).toBeGreaterThanOrEqual(paid.body.position);
  });

  it('answers 404 for an unknown account and 400 for a malformed minPosition', async () => {
    expect((await api.get('/accounts/nobody-here')).body).toMatchObject({ status: 404, code: 'ACCOUNT_NOT_FOUND' });
    const bad = await api.get('/accounts/x?minPosition=soon');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'minPosition' })]);
  });

  it('lists the history with actors and correlation ids, a page at a time', async () => {
    const { accountId } = await delinquent(uniqueId('cred'), 5_000, '2026-02-01');
    const headers = { ...(await as('system', 'bank-feed')), 'x-correlation-id': 'call-42' };
    const paid = await api.post(`/accounts/${accountId}/payments`, paymentBody('pay-1', 1_000, { receivedOn: '2026-03-01' }), headers);
    const first = await api.get(`/accounts/${accountId}/history?limit=2&minPosition=${paid.body.position}`);
    expect(first.status).toBe(200);
    expect(first.body.items.map((item: { type: string }) => item.type)).toEqual(['AccountOpened', 'InvoiceIssued']);
    const rest = await api.get(`/accounts/${accountId}/history?limit=2&cursor=${first.body.nextCursor}`);
    expect(rest.body.items).toEqual([
      expect.objectContaining({
        type: 'PaymentReceived',
        revision: 2,
        position: paid.body.position,
        actor: { id: 'bank-feed', role: 'system' },
        correlationId: 'call-42',
        causationId: expect.any(String),
        recordedAt: '2026-03-01T15:00:00.000Z',
        summary: 'Payment pay-1 of USD 10.00 received on 2026-03-01 by card.',
      }),
    ]);
    expect(rest.body.nextCursor).toBeNull();
    // Newest first, as an agent's timeline reads it; an agent may read it, an analyst may not.
    const newest = await api.get(`/accounts/${accountId}/history?order=desc&limit=2`, await as('agent', 'agent-1'));
    expect(newest.body.items.map((item: { revision: number }) => item.revision)).toEqual([2, 1]);
    const older = await api.get(`/accounts/${accountId}/history?order=desc&limit=2&cursor=${newest.body.nextCursor}`);
    expect(older.body.items.map((item: { revision: number }) => item.revision)).toEqual([0]);
    expect((await api.get(`/accounts/${accountId}/history?order=newest`)).body.errors).toEqual([expect.objectContaining({ field: 'order' })]);
    expect((await api.get(`/accounts/${accountId}/history`, await as('analyst', 'analyst-1'))).status).toBe(403);
    expect((await api.get(`/accounts/${accountId}/history?cursor=not-ours`)).body.code).toBe('INVALID_CURSOR');
  });

  it('replays the state as of an instant: before a payment, the earlier balance', async () => {
    const { accountId } = await delinquent(uniqueId('cred'), 8_000, '2026-02-15');
    api.clock.set('2026-03-05T09:00:00Z');
    await api.post(`/accounts/${accountId}/payments`, paymentBody('pay-1', 3_000, { receivedOn: '2026-03-05' }));
    const before = await api.get(`/accounts/${accountId}/state?asOf=2026-03-04T23:59:59Z`);
    expect(before.body).toMatchObject({ balances: { total: 8_000 }, lastPayment: null, revision: 1, daysPastDue: 17 });
    const after = await api.get(`/accounts/${accountId}/state?asOf=2026-03-05T09:00:00Z`);
    expect(after.body).toMatchObject({ balances: { total: 5_000 }, revision: 2 });
    expect((await api.get(`/accounts/${accountId}/state?asOf=2026-02-01T00:00:00Z`)).status).toBe(404);
    expect((await api.get(`/accounts/${accountId}/state?asOf=yesterday`)).status).toBe(400);
    api.clock.set('2026-03-01T15:00:00Z');
  });

  it('lists overdue accounts by priority with the score’s parts, filters by bucket, and pages with a stable cursor', async () => {
    const creditorId = uniqueId('cred');
    const big = await delinquent(creditorId, 500_000, '2026-02-20');
    const old = await delinquent(creditorId, 10_000, '2025-11-01');
    const small = await delinquent(creditorId, 1_000, '2026-02-25');
    const notDue = await delinquent(creditorId, 90_000, '2026-03-10');
    const worklist = await api.get(`/worklist?creditorId=${creditorId}&minPosition=${notDue.position}`);
    expect(worklist.status).toBe(200);
    const ids = worklist.body.items.map((item: { accountId: string }) => item.accountId);
    expect(ids).toEqual([old.accountId, big.accountId, small.accountId]);
    const first = worklist.body.items[0];
    expect(first).toMatchObject({ daysPastDue: 120, agingBucket: '91-120', overdueAmount: 10_000, nextAction: { code: 'mark_payment_missed' } });
    const { total, parts }: { total: number; parts: { amount: number; age: number; missedPayments: number } } = first.score;
    expect(total).toBeCloseTo(parts.amount + parts.age + parts.missedPayments, 2);
    expect(first.score.parts).toEqual({ amount: 20.04, age: 60, missedPayments: 0, brokenPromises: 0 });

    const bucket = await api.get(`/worklist?creditorId=${creditorId}&bucket=1-30`);
    expect(bucket.body.items.map((item: { accountId: string }) => item.accountId)).toEqual([big.accountId, small.accountId]);

    const page1 = await api.get(`/worklist?creditorId=${creditorId}&limit=2`);
    const page2 = await api.get(`/worklist?creditorId=${creditorId}&limit=2&cursor=${page1.body.nextCursor}`);
    expect([...page1.body.items, ...page2.body.items].map((item: { accountId: string }) => item.accountId)).toEqual(ids);
    expect(page2.body.nextCursor).toBeNull();
    expect((await api.get('/worklist?bucket=current')).status).toBe(400);

    // Amounts in two currencies are not weighed against each other: each currency's lines are worked on their own.
    const yen = uniqueId('acc');
    expect((await api.post('/accounts', openAccountBody(yen, creditorId))).status).toBe(201);
    const inYen = invoiceBody('inv-1', { amount: 900_000, currency: 'JPY', issuedOn: '2025-10-01', dueOn: '2026-02-20', terms: { graceDays: 0 } });
    const yenPosition = (await api.post(`/accounts/${yen}/invoices`, inYen)).body.position as number;
    const lines = async (query: string) =>
      (await api.get(`/worklist?creditorId=${creditorId}&minPosition=${yenPosition}${query}`)).body.items.map((item: { accountId: string }) => item.accountId);
    expect(await lines('&currency=JPY')).toEqual([yen]);
    expect(await lines('&currency=USD')).toEqual(ids);
    expect((await api.get('/worklist?currency=usd')).body).toMatchObject({ status: 400, errors: [expect.objectContaining({ field: 'currency' })] });
  });

  it('lists an account as past due by its debtor’s calendar: not on the evening of the due date in Los Angeles, from midnight there', async () => {
    const creditorId = uniqueId('cred');
    const [west, east] = [uniqueId('acc'), uniqueId('acc')];
    const opened = (accountId: string, timeZone: string) => {
      const body = openAccountBody(accountId, creditorId);
      return { ...body, debtor: { ...body.debtor, timeZone } };
    };
    let position = 0;
    for (const [accountId, timeZone] of [
      [west, 'America/Los_Angeles'],
      [east, 'America/New_York'],
    ] as const) {
      expect((await api.post('/accounts', opened(accountId, timeZone))).status).toBe(201);
      const issued = await api.post(
        `/accounts/${accountId}/invoices`,
        invoiceBody('inv-1', { amount: 4_000, issuedOn: '2026-02-01', dueOn: '2026-03-01', terms: { graceDays: 0 } }),
      );
      expect(issued.status).toBe(201);
      position = issued.body.position as number;
    }
    const listed = async (instant: string, query = '') => {
      api.clock.set(instant);
      const page = await api.get(`/worklist?creditorId=${creditorId}&minPosition=${position}${query}`);
      return page.body.items.map((item: { accountId: string; daysPastDue: number }) => [item.accountId, item.daysPastDue]);
    };
    // 02:00 UTC on 2 March: 21:00 on 1 March in New York is past due in neither zone yet…
    expect(await listed('2026-03-02T02:00:00Z')).toEqual([]);
    // …05:00 UTC: midnight has passed in New York, not in Los Angeles (21:00).
    expect(await listed('2026-03-02T05:00:00Z')).toEqual([[east, 1]]);
    expect(await listed('2026-03-02T05:00:00Z', '&bucket=1-30')).toEqual([[east, 1]]);
    // 08:00 UTC: midnight in Los Angeles too.
    expect((await listed('2026-03-02T08:00:00Z')).sort()).toEqual(
      [
        [east, 1],
        [west, 1],
      ].sort(),
    );
    api.clock.set('2026-03-01T15:00:00Z');
  });

  it('lets one agent claim an account; another agent’s claim conflicts until the claimer releases it', async () => {
    const creditorId = uniqueId('cred');
    const { accountId } = await delinquent(creditorId, 4_000, '2026-02-01');
    const [agent1, agent2] = [await as('agent', 'agent-1'), await as('agent', 'agent-2')];
    const claimed = await api.post(`/worklist/${accountId}/claim`, { minutes: 15 }, agent1);
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ agentId: 'agent-1', until: '2026-03-01T15:15:00.000Z' });
    const rival = await api.post(`/worklist/${accountId}/claim`, {}, agent2);
    expect(rival.status).toBe(409);
    expect(rival.body).toMatchObject({ code: 'ACCOUNT_CLAIMED', agentId: 'agent-1', until: '2026-03-01T15:15:00.000Z' });
    const mine = await api.get(`/worklist?agentId=agent-1&minPosition=${claimed.body.position}`);
    expect(mine.body.items).toEqual([expect.objectContaining({ accountId, claim: expect.objectContaining({ agentId: 'agent-1' }) as unknown })]);
    expect((await api.post(`/worklist/${accountId}/release`, {}, agent2)).body.code).toBe('NOT_CLAIMED_BY_AGENT');
    expect((await api.post(`/worklist/${accountId}/release`, { agentId: 'agent-1' }, agent1)).status).toBe(200);
    expect((await api.post(`/worklist/${accountId}/claim`, {}, agent2)).status).toBe(200);
    expect((await api.post('/worklist/nobody/claim', {}, agent2)).status).toBe(404);
    expect((await api.post(`/worklist/${accountId}/claim`, { agentId: 'agent 2!' }, await as('supervisor', 'sup-1'))).status).toBe(400);
  });

  it('lets an agent claim and release only as themself, and refuses to act for another agent', async () => {
    const { accountId } = await delinquent(uniqueId('cred'), 4_000, '2026-02-01');
    const [agent7, agent8] = [await as('agent', 'agent-7'), await as('agent', 'agent-8')];
    expect((await api.post(`/worklist/${accountId}/claim`, {}, agent7)).status).toBe(200);
    const before = await eventCount(api, accountId);
    const release = await api.post(`/worklist/${accountId}/release`, { agentId: 'agent-7' }, agent8);
    expect(release.status).toBe(403);
    expect(release.body).toMatchObject({ code: 'AGENT_NOT_ALLOWED', agentId: 'agent-7' });
    const claim = await api.post(`/worklist/${uniqueId('acc')}/claim`, { agentId: 'agent-9' }, agent8);
    expect(claim.body).toMatchObject({ status: 403, code: 'AGENT_NOT_ALLOWED' });
    expect(await eventCount(api, accountId)).toBe(before);
  });

  it('lets a supervisor claim and release for an agent, recorded as the supervisor acting for that agent', async () => {
    const { accountId } = await delinquent(uniqueId('cred'), 4_000, '2026-02-01');
    const supervisor = await as('supervisor', 'sup-1');
    const claimed = await api.post(`/worklist/${accountId}/claim`, { agentId: 'agent-7' }, supervisor);
    expect(claimed.body).toMatchObject({ agentId: 'agent-7' });
    expect((await api.post(`/worklist/${accountId}/claim`, {}, await as('agent', 'agent-8'))).body.code).toBe('ACCOUNT_CLAIMED');
    expect((await api.post(`/worklist/${accountId}/release`, { agentId: 'agent-7' }, supervisor)).status).toBe(200);
    const events = (await api.get(`/accounts/${accountId}/events`)).body.events.slice(-2);
    expect(
      events.map((event: { type: string; data: { agentId: string }; metadata: { actor: unknown } }) => [event.type, event.data.agentId, event.metadata.actor]),
    ).toEqual([
      ['AccountClaimed', 'agent-7', { id: 'sup-1', role: 'supervisor' }],
      ['AccountClaimReleased', 'agent-7', { id: 'sup-1', role: 'supervisor' }],
    ]);
  });

  it('gives KPIs for a creditor by business day: aging buckets, DSO and CEI for the period; CSV when asked', async () => {
    const creditorId = uniqueId('cred');
    await delinquent(creditorId, 30_000, '2026-01-15');
    const { accountId, position } = await delinquent(creditorId, 10_000, '2026-03-20');
    const paid = await api.post(`/accounts/${accountId}/payments`, paymentBody('pay-1', 5_000, { receivedOn: '2026-03-01' }));
    expect(position).toBeLessThan(paid.body.position);
    const kpis = await api.get(`/kpis?creditorId=${creditorId}&from=2026-02-25&to=2026-03-01&minPosition=${paid.body.position}`);
    expect(kpis.status).toBe(200);
    const { series, period } = kpis.body.currencies.USD;
    expect(series).toHaveLength(5);
    // Both invoices were issued on 2025-10-01, whenever they were recorded: their sales count then.
    expect(series.at(-1)).toMatchObject({
      date: '2026-03-01',
      receivables: 35_000,
      aging: { current: 5_000, '1-30': 0, '31-60': 30_000 },
      creditSales: 0,
      collected: 5_000,
      // 1 day of March, February, January, December, November without sales, then 35,000 of October's 40,000: 121 + 27.13.
      dso: { countBack: 148.13, simple: null },
      bestPossibleDso: null,
    });
    // (40,000 owed on 02-24 + 0 − 35,000) ÷ (40,000 + 0 − 5,000) = 14.29 %.
    expect(period).toMatchObject({ creditSales: 0, collected: 5_000, cei: 14.29 });
    const csv = await api.get(`/kpis?creditorId=${creditorId}&from=2026-02-25&to=2026-03-01`, { accept: 'text/csv' });
    expect([csv.status, csv.headers['content-type']]).toEqual([200, 'text/csv; charset=utf-8']);
    const [header, ...rows] = (csv.body as string).trimEnd().split('\r\n');
    expect(header).toMatch(/^date,currency,receivables,aging\.current,aging\.1-30,.*,dso\.countBack,dso\.countBack30,dso\.simple,/);
    expect(rows).toHaveLength(5);
    expect(rows.at(-1)).toMatch(/^2026-03-01,USD,35000,5000,0,30000,/);
    // The same rows for a link that cannot set Accept; and JSON when the URL says so, whatever Accept says.
    expect((await api.get(`/kpis?creditorId=${creditorId}&from=2026-02-25&to=2026-03-01&format=csv`)).body).toBe(csv.body);
    const json = await api.get(`/kpis?creditorId=${creditorId}&from=2026-02-25&to=2026-03-01&format=json`, { accept: 'text/csv' });
    expect(json.body.currencies.USD.series).toHaveLength(5);
    expect((await api.get(`/kpis?from=2026-02-25&to=2026-03-01&format=xlsx`)).body.errors).toEqual([expect.objectContaining({ field: 'format' })]);
    expect((await api.get('/kpis?from=2026-03-02&to=2026-03-01')).body.code).toBe('INVALID_PERIOD');
    expect(
      (await api.get(`/kpis?from=2026-02-25&to=2026-03-01&minPosition=${paid.body.position}`)).body.currencies.USD.series.at(-1).receivables,
    ).toBeGreaterThanOrEqual(35_000);
  });

  it('restates KPIs already read when a late payment lands on a past day', async () => {
    const creditorId = uniqueId('cred');
    const { accountId } = await delinquent(creditorId, 10_000, '2026-02-01');
    const period = `/kpis?creditorId=${creditorId}&from=2026-02-25&to=2026-03-01`;
    const collected = async (position: number) => {
      const answer = await api.get(`${period}&minPosition=${position}`);
      return (answer.body.currencies.USD.series as { collected: number }[]).map((day) => day.collected);
    };
    const first = await api.post(`/accounts/${accountId}/payments`, paymentBody('pay-1', 1_000, { receivedOn: '2026-02-26' }));
    expect(await collected(first.body.position)).toEqual([0, 1_000, 0, 0, 0]);
    const late = await api.post(`/accounts/${accountId}/payments`, paymentBody('pay-2', 3_000, { receivedOn: '2026-02-26' }));
    expect(await collected(late.body.position)).toEqual([0, 4_000, 0, 0, 0]);
  });

  it('shows each projection’s checkpoint, the head position and the lag in /health', async () => {
    const { accountId, position } = await delinquent(uniqueId('cred'), 1_000, '2026-02-01');
    // One read of each model with minPosition: all four have reached the position.
    for (const read of [`/accounts/${accountId}`, `/accounts/${accountId}/history`, '/worklist', '/kpis?from=2026-03-01&to=2026-03-01']) {
      const separator = read.includes('?') ? '&' : '?';
      expect((await api.get(`${read}${separator}minPosition=${position}`)).status).toBe(200);
    }
    const health = await api.get('/health');
    expect(health.body.readStore.backend).toBe('postgres');
    expect(health.body.readStore.projections.map((p: { name: string }) => p.name)).toEqual([
      'account',
      'account_search',
      'audit_trail',
      'outbox',
      'team_activity',
    ]);
    for (const projection of health.body.readStore.projections) {
      expect(projection).toMatchObject({ state: 'running', parked: 0 });
      expect(projection.checkpoint).toBeGreaterThanOrEqual(position);
      expect(projection.lag).toBe(health.body.eventStore.headPosition - projection.checkpoint);
    }
  });
});

describe('read-your-writes bound (e2e)', () => {
  it('answers 503 with Retry-After when the read model does not reach minPosition in time', async () => {
    // No projector in this process and none elsewhere: the read models stay where they are.
    const api = await startTestApi({ env: { READ_WAIT_MS: '200', RUN_PROJECTOR: 'false' } });
    try {
      const opened = await api.post('/accounts', openAccountBody(uniqueId('acc')));
      const response = await api.get(`/worklist?minPosition=${opened.body.position}`);
      expect(response.status).toBe(503);
      expect(response.headers['retry-after']).toBe('1');
      expect(response.body).toMatchObject({ code: 'READ_MODEL_BEHIND', minPosition: opened.body.position });
    } finally {
      await api.close();
    }
  });

  it('refuses at once a minPosition past the last position in the log: no command answered with it', async () => {
    const api = await startTestApi({ env: { READ_WAIT_MS: '5000' } });
    try {
      const started = Date.now();
      const response = await api.get('/worklist?minPosition=999999999');
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'minPosition' })]);
      expect(Date.now() - started).toBeLessThan(4_000);
    } finally {
      await api.close();
    }
  });
});
