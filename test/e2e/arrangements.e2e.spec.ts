import { accountWithInvoice, eventCount, paymentBody, startTestApi, type TestApi } from './support/test-api';

describe('payment plans over HTTP', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  const plan = (installments: { dueOn: string; amount: number }[]) => ({ planId: 'plan-1', currency: 'USD', installments });

  it('agrees a plan covering the balance, sends payments to its installments, and completes it', async () => {
    const accountId = await accountWithInvoice(api, { amount: 12500 });
    await api.post(`/accounts/${accountId}/payments`, paymentBody('pay-1', 5000));
    const agreed = await api.post(
      `/accounts/${accountId}/plans`,
      plan([
        { dueOn: '2026-03-01', amount: 3750 },
        { dueOn: '2026-04-01', amount: 3750 },
      ]),
    );
    expect(agreed.status).toBe(201);
    expect(agreed.body).toMatchObject({ planId: 'plan-1', covers: [{ invoiceId: 'inv-1', amount: 7500 }] });

    const first = await api.post(`/accounts/${accountId}/payments`, paymentBody('pay-2', 3750, { receivedOn: '2026-03-01' }));
    expect(first.body).toMatchObject({ installmentAllocations: [{ installment: 1, amount: 3750 }], installmentsPaid: [1], planCompleted: false });
    const second = await api.post(`/accounts/${accountId}/payments`, paymentBody('pay-3', 3750, { receivedOn: '2026-03-01' }));
    expect(second.body).toMatchObject({ installmentsPaid: [2], planCompleted: true, credited: 0 });
    expect((await api.post(`/accounts/${accountId}/close`)).status).toBe(200);
  });

  it('refuses installments that do not add up to the balance (422 PLAN_SUM_MISMATCH) and appends nothing', async () => {
    const accountId = await accountWithInvoice(api, { amount: 12500 });
    const refused = await api.post(`/accounts/${accountId}/plans`, plan([{ dueOn: '2026-03-01', amount: 10000 }]));
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'PLAN_SUM_MISMATCH', installmentsTotal: 10000, coveredBalance: 12500 });
    expect(await eventCount(api, accountId)).toBe(2);
  });

  it('refuses an installment dated before the debtor’s today (422 PLAN_INSTALLMENT_IN_PAST) and appends nothing', async () => {
    // Now is 2026-03-01 10:00 in New York, the debtor's zone.
    const accountId = await accountWithInvoice(api, { amount: 12500 });
    const refused = await api.post(
      `/accounts/${accountId}/plans`,
      plan([
        { dueOn: '2026-02-28', amount: 6250 },
        { dueOn: '2026-04-01', amount: 6250 },
      ]),
    );
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'PLAN_INSTALLMENT_IN_PAST', index: 0, dueOn: '2026-02-28', today: '2026-03-01' });
    expect(await eventCount(api, accountId)).toBe(2);
  });

  it('refuses a second plan while one is active (409)', async () => {
    const accountId = await accountWithInvoice(api, { amount: 12500 });
    await api.post(`/accounts/${accountId}/plans`, plan([{ dueOn: '2026-03-01', amount: 12500 }]));
    const second = await api.post(`/accounts/${accountId}/plans`, { ...plan([{ dueOn: '2026-03-01', amount: 12500 }]), planId: 'plan-2' });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('PLAN_ALREADY_ACTIVE');
  });

  it('rejects an empty installment list as malformed (400)', async () => {
    const accountId = await accountWithInvoice(api);
    const refused = await api.post(`/accounts/${accountId}/plans`, plan([]));
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].field).toBe('installments');
  });
});
