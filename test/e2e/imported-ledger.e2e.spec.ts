import { as, invoiceBody, openAccountBody, paymentBody, readModelsCaughtUp, startTestApi, type TestApi } from './support/test-api';

/*
 * One ledger, two ways: imported today (2026-12-02) with POST /imports, and built day by day through the API on
 * the days it happened. Credit sales of 70,000 (15 April), 80,000 (15 May) and 100,000 (15 June); 38,000 received
 * on 20 May; 212,000 owed on 30 June.
 */
interface LedgerAccount {
  id: string;
  openedOn: string;
  invoice: { invoiceId: string; amount: number; issuedOn: string; dueOn: string };
  payment?: { paymentId: string; amount: number; receivedOn: string };
}
const ledger: LedgerAccount[] = [
  {
    id: 'a',
    openedOn: '2026-04-15',
    invoice: { invoiceId: 'A', amount: 70_000, issuedOn: '2026-04-15', dueOn: '2026-05-15' },
    payment: { paymentId: 'pa', amount: 38_000, receivedOn: '2026-05-20' },
  },
  { id: 'b', openedOn: '2026-05-15', invoice: { invoiceId: 'B', amount: 80_000, issuedOn: '2026-05-15', dueOn: '2026-06-14' } },
  { id: 'c', openedOn: '2026-06-15', invoice: { invoiceId: 'C', amount: 100_000, issuedOn: '2026-06-15', dueOn: '2026-07-15' } },
];
const TODAY = '2026-12-02T15:00:00Z';

/** The ledger as an import file: an account line, its invoice, its payment. */
const ndjson = (creditorId: string) =>
  ledger
    .flatMap(({ id, openedOn, invoice, payment }) => [
      { type: 'account', accountId: `${creditorId}-${id}`, creditorId, debtorReference: `D-${id}`, timeZone: 'America/New_York', openedOn },
      { type: 'invoice', accountId: `${creditorId}-${id}`, currency: 'USD', ...invoice },
      ...(payment ? [{ type: 'payment', accountId: `${creditorId}-${id}`, currency: 'USD', method: 'bank_transfer', ...payment }] : []),
    ])
    .map((line) => JSON.stringify(line))
    .join('\n');

describe('an imported ledger reads as the same ledger built day by day (e2e)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ now: TODAY });
  });
  afterAll(async () => {
    await api.close();
  });

  /** Each fact recorded through the API on the day it happened, the clock moved to that day. */
  async function dayByDay(creditorId: string): Promise<void> {
    const facts = ledger.flatMap(({ id, openedOn, invoice, payment }) => {
      const accountId = `${creditorId}-${id}`;
      const steps = [
        { on: openedOn, path: '/accounts', body: openAccountBody(accountId, creditorId) },
        { on: invoice.issuedOn, path: `/accounts/${accountId}/invoices`, body: invoiceBody(invoice.invoiceId, { ...invoice, terms: { graceDays: 0 } }) },
      ];
      return payment
        ? [...steps, { on: payment.receivedOn, path: `/accounts/${accountId}/payments`, body: paymentBody(payment.paymentId, payment.amount, payment) }]
        : steps;
    });
    for (const { on, path, body } of facts.sort((x, y) => x.on.localeCompare(y.on))) {
      api.clock.set(`${on}T15:00:00Z`);
      expect((await api.post(path, body)).status).toBe(201);
    }
    api.clock.set(TODAY);
  }

  async function imported(creditorId: string): Promise<void> {
    const started = await api.post('/imports', ndjson(creditorId), { 'content-type': 'application/x-ndjson', ...(await as('supervisor')) });
    expect(started.status).toBe(202);
    let progress = started.body;
    for (let tries = 0; progress.status === 'running' && tries < 200; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      progress = (await api.get(`/imports/${progress.importId}`, await as('supervisor'))).body;
    }
    expect(progress).toMatchObject({ status: 'done', linesApplied: 7, linesRefused: 0 });
  }

  const kpis = async (creditorId: string) => {
    await readModelsCaughtUp(api);
    const answer = await api.get(`/kpis?creditorId=${creditorId}&from=2026-04-01&to=2026-06-30`, await as('analyst'));
    expect(answer.status).toBe(200);
    return answer.body.currencies.USD;
  };

  it('gives the same KPIs, day for day, and the references’ figures on 30 June', async () => {
    await dayByDay('cred-daily');
    await imported('cred-imported');
    const [daily, fromImport] = [await kpis('cred-daily'), await kpis('cred-imported')];
    expect(fromImport).toEqual(daily);
    expect(fromImport.series.at(-1)).toMatchObject({
      date: '2026-06-30',
      receivables: 212_000,
      aging: { current: 100_000, '1-30': 80_000, '31-60': 32_000 },
      dso: { countBack: 74.71, countBack30: 73.71, simple: 63.6 },
      bestPossibleDso: 30,
      averageDaysDelinquent: 33.6,
      rollRates: { 'current→1-30': 100, '1-30→31-60': 100 },
      delinquentAccounts: 2,
    });
    expect(fromImport.period).toMatchObject({ creditSales: 250_000, collected: 38_000, cei: 25.33, cures: 0 });
  });
});
