import type { ContactOutcome, StrategyArm } from '@arrears/domain';
import type { ProjectedDocument } from '../../projection';
import { accountProjection, eventLog, facts, projectAll, type DataOf } from '../read-model.fixtures';
import { kpiReport } from './kpi-series';
import { isKpiDay, PORTFOLIO } from './kpi-days';

/*
 * A worked example, computed by hand. Creditor cred-1, EUR (amounts in cents):
 *   2025-12-15  acc-1 invoice A 50,000 due 2026-01-14
 *   2026-01-20  acc-2 invoice B 40,000 due 2026-02-19
 *   2026-02-20  acc-1 invoice C 30,000 due 2026-03-22
 *   2026-03-10  acc-2 invoice D 20,000 due 2026-04-09
 *   2026-03-15  acc-1 pays 50,000 → A paid off (acc-1 is no longer past due: a cure)
 *   2026-03-20  acc-2 pays 10,000 → B down to 30,000
 * and creditor cred-2: 2026-03-10 acc-3 invoice E 10,000 due 2026-04-09.
 */
const on = eventLog();
const at = (day: string) => `${day}T10:00:00.000Z`;
const acc1 = on('acc-1');
const acc2 = on('acc-2');
const acc3 = on('acc-3', 'cred-2');
const events = [
  acc1('AccountOpened', facts.opened('acc-1'), at('2025-12-15')),
  acc1('InvoiceIssued', facts.invoice('A', 50_000, '2025-12-15', '2026-01-14'), at('2025-12-15')),
  acc2('AccountOpened', facts.opened('acc-2'), at('2026-01-20')),
  acc2('InvoiceIssued', facts.invoice('B', 40_000, '2026-01-20', '2026-02-19'), at('2026-01-20')),
  acc1('InvoiceIssued', facts.invoice('C', 30_000, '2026-02-20', '2026-03-22'), at('2026-02-20')),
  acc2('InvoiceIssued', facts.invoice('D', 20_000, '2026-03-10', '2026-04-09'), at('2026-03-10')),
  acc3('AccountOpened', facts.opened('acc-3', 'cred-2'), at('2026-03-10')),
  acc3('InvoiceIssued', facts.invoice('E', 10_000, '2026-03-10', '2026-04-09'), at('2026-03-10')),
  acc1('PaymentReceived', facts.payment('p1', 50_000, '2026-03-15', [{ invoiceId: 'A', amount: 50_000 }]), at('2026-03-15')),
  acc2('PaymentReceived', facts.payment('p2', 10_000, '2026-03-20', [{ invoiceId: 'B', amount: 10_000 }]), at('2026-03-20')),
];

const daysOf = (documents: Map<string, ProjectedDocument>, scope: string) => [...documents.values()].filter(isKpiDay).filter((day) => day.scope === scope);
const report = (scope = 'cred-1', from = '2026-03-01', to = '2026-03-31', all = events) =>
  kpiReport(daysOf(projectAll(accountProjection, all), scope), from, to).EUR!;
const on31 = () => report().series.at(-1)!;

describe('KPI read model: a worked example', () => {
  it('ages receivables into buckets by due date on each day, days without events included', () => {
    // On 03-31: B 30,000 is 40 days past due, C 30,000 is 9, D 20,000 is not due yet.
    expect(on31()).toMatchObject({
      receivables: 80_000,
      aging: { current: 20_000, '1-30': 30_000, '31-60': 30_000, '61-90': 0, '91-120': 0, '120+': 0 },
    });
    // On 03-01 (no event that day): A 50,000 is 46 days past due, B 40,000 is 10, C 30,000 is current.
    expect(report().series[0]).toMatchObject({ receivables: 120_000, aging: { current: 30_000, '1-30': 40_000, '31-60': 50_000 } });
  });

  it('counts credit sales and collections on their business day', () => {
    const { series } = report();
    expect(series.find((day) => day.date === '2026-03-10')).toMatchObject({ creditSales: 20_000, collected: 0 });
    expect(series.find((day) => day.date === '2026-03-15')).toMatchObject({ creditSales: 0, collected: 50_000 });
    expect(report().period).toMatchObject({ creditSales: 20_000, collected: 60_000 });
  });

  it('computes count-back DSO by calendar months: 80,000 − 20,000 (March, 31 days) − 30,000 (February, 28) leaves 30,000 of January’s 40,000 → 59 + 23.25 days', () => {
    expect(on31().dso.countBack).toBe(82.25);
  });

  it('keeps the 30-day count-back: 80,000 − 20,000 − 30,000 leaves 30,000 of the third 30 days’ 40,000 → 60 + 22.5 days', () => {
    expect(on31().dso.countBack30).toBe(82.5);
  });

  it('computes simple DSO 80,000 ÷ 20,000 × 30 = 120, Best Possible DSO 20,000 ÷ 20,000 × 30 = 30, ADD 90', () => {
    expect(on31()).toMatchObject({ dso: { simple: 120 }, bestPossibleDso: 30, averageDaysDelinquent: 90 });
  });

  it('computes CEI for the period: (120,000 + 20,000 − 80,000) ÷ (120,000 + 20,000 − 20,000) = 50 %', () => {
    expect(report().period.cei).toBe(50);
    // On a quiet day nothing was collected: (80,000 + 0 − 80,000) ÷ (80,000 − 20,000) = 0 %.
    expect(on31().cei).toBe(0);
  });

  it('computes CEI’s monthly-average form over the quarter: (50,000 + 90,000 ÷ 3 − 80,000) ÷ (50,000 + 30,000 − 20,000) = 0 %', () => {
    expect(report('cred-1', '2026-01-01', '2026-03-31').period).toMatchObject({ cei: 50, ceiMonthlyAverage: { months: 3, cei: 0 } });
  });

  it('computes roll rates against the buckets a month before: 30,000 ÷ 30,000, 30,000 ÷ 40,000, 0 ÷ 50,000', () => {
    expect(on31().rollRates).toEqual({
      'current→1-30': 100,
      '1-30→31-60': 75,
      '31-60→61-90': 0,
      '61-90→91-120': null,
      '91-120→120+': null,
    });
  });

  it('computes the cure rate: acc-1 cured on 03-15, one of the two accounts delinquent as the day began', () => {
    expect(report().series.find((day) => day.date === '2026-03-15')).toMatchObject({ cureRate: 50, delinquentAccounts: 1 });
    // Over March, one cure among three delinquencies: acc-1's and acc-2's as March began, and acc-1's again from 03-23 (C, due 03-22).
    expect(report().period).toMatchObject({ cures: 1, cureRate: 33.33 });
    expect(on31().delinquentAccounts).toBe(2);
  });

  it('never passes 100 %: an account due one day and paid the next counts among those delinquent as that day began', () => {
    const [w, v] = [on('acc-w'), on('acc-v')];
    const paidLate = [
      ...events,
      w('AccountOpened', facts.opened('acc-w'), at('2026-03-01')),
      w('InvoiceIssued', facts.invoice('W', 5_000, '2026-03-01', '2026-03-10'), at('2026-03-01')),
      w('PaymentReceived', facts.payment('pw', 5_000, '2026-03-11', [{ invoiceId: 'W', amount: 5_000 }]), at('2026-03-11')),
      v('AccountOpened', facts.opened('acc-v'), at('2026-03-01')),
      v('InvoiceIssued', facts.invoice('V', 5_000, '2026-03-01', '2026-03-12'), at('2026-03-01')),
      v('PaymentReceived', facts.payment('pv', 5_000, '2026-03-13', [{ invoiceId: 'V', amount: 5_000 }]), at('2026-03-13')),
    ];
    const { series, period } = report('cred-1', '2026-03-01', '2026-03-31', paidLate);
    // As 03-11 began acc-1, acc-2 and acc-w were past due; acc-w paid: one cure of three (counted of two before, acc-1 and acc-2).
    expect(series.find((day) => day.date === '2026-03-11')).toMatchObject({ cureRate: 33.33 });
    // March: three cures (acc-w, acc-v, acc-1) among five delinquencies: acc-1's and acc-2's as March began, acc-w's
    // from 03-11, acc-v's from 03-13, acc-1's again from 03-23. Counted against the two of March's start: 150 %.
    expect(period).toMatchObject({ cures: 3, cureRate: 60 });
  });

  it('counts an account delinquent by invoices named `__proto__` and `constructor` like any other', () => {
    const acc5 = on('acc-5');
    const hostile = [
      ...events,
      acc5('AccountOpened', facts.opened('acc-5'), at('2026-02-01')),
      acc5('InvoiceIssued', facts.invoice('__proto__', 5_000, '2026-02-01', '2026-03-01'), at('2026-02-01')),
      acc5('InvoiceIssued', facts.invoice('constructor', 5_000, '2026-02-01', '2026-03-05'), at('2026-02-01')),
      acc5('PaymentReceived', facts.payment('p5', 5_000, '2026-03-25', [{ invoiceId: '__proto__', amount: 5_000 }]), at('2026-03-25')),
    ];
    // acc-5 is past due from 03-02 (`__proto__`, due 03-01), and still on 03-31 by `constructor` (due 03-05).
    expect(report('cred-1', '2026-03-01', '2026-03-31', hostile).series.find((day) => day.date === '2026-03-02')).toMatchObject({ delinquentAccounts: 3 });
    expect(report('cred-1', '2026-03-01', '2026-03-31', hostile).series.at(-1)).toMatchObject({ delinquentAccounts: 3, receivables: 85_000 });
  });

  it('computes the plan completion rate from plans agreed and completed', () => {
    const acc4 = on('acc-4');
    const withPlans = [
      ...events,
      acc4('AccountOpened', facts.opened('acc-4'), at('2026-03-21')),
      acc4('InvoiceIssued', facts.invoice('F', 1_000, '2026-03-21', '2026-03-30'), at('2026-03-21')),
      acc4(
        'PlanAgreed',
        {
          planId: 'plan-1',
          currency: 'EUR',
          agreedOn: '2026-03-21',
          installments: [{ number: 1, dueOn: '2026-03-28', amount: 1_000 }],
          covers: [{ invoiceId: 'F', amount: 1_000 }],
        },
        at('2026-03-21'),
      ),
      acc4('PlanCompleted', { planId: 'plan-1', paymentId: 'p9' }, at('2026-03-25')),
    ];
    const { series } = report('cred-1', '2026-03-01', '2026-03-31', withPlans);
    expect(series.find((day) => day.date === '2026-03-24')?.planCompletionRate).toBe(0);
    expect(series.find((day) => day.date === '2026-03-25')?.planCompletionRate).toBe(100);
    expect(series[0]?.planCompletionRate).toBeNull();
  });

  it('keeps each creditor apart and adds them up for the portfolio', () => {
    expect(report('cred-2').series.at(-1)).toMatchObject({ receivables: 10_000, aging: { current: 10_000 } });
    expect(report(PORTFOLIO).series.at(-1)).toMatchObject({ receivables: 90_000, aging: { current: 30_000 } });
  });

  it('gives the same figures when events are delivered again', () => {
    const once = projectAll(accountProjection, events);
    expect(projectAll(accountProjection, [...events.slice(0, 6), ...events])).toEqual(once);
  });
});

describe('KPI read model: a payment reversed', () => {
  /* acc-1's payment of 03-15 (50,000, which paid A off) is charged back on 03-25: A is owed again from that day. */
  const chargeback: DataOf<'PaymentReversed'> = {
    reversalId: 'du-1',
    paymentId: 'p1',
    amount: 50_000,
    currency: 'EUR',
    reversedOn: '2026-03-25',
    reason: 'chargeback',
    creditReversed: 0,
    spentCreditReopened: [],
    allocations: [{ invoiceId: 'A', amount: 50_000 }],
    installmentAllocations: [],
    discountsWithdrawn: [],
  };
  const withChargeback = [...events, on('acc-1')('PaymentReversed', chargeback, at('2026-03-25'))];
  const day = (date: string) => report('cred-1', '2026-03-01', '2026-03-31', withChargeback).series.find((figures) => figures.date === date);

  it('takes the collection back on the reversal’s day, leaving the payment’s day as it was', () => {
    expect(day('2026-03-15')).toMatchObject({ collected: 50_000 });
    expect(day('2026-03-25')).toMatchObject({ collected: -50_000 });
    expect(report('cred-1', '2026-03-01', '2026-03-31', withChargeback).period).toMatchObject({ collected: 10_000 });
  });

  it('puts the reopened invoice back in its aging bucket from that day on', () => {
    expect(day('2026-03-24')).toMatchObject({ receivables: 80_000 });
    // A, due 01-14, is 70 days past due on 03-25.
    expect(day('2026-03-25')).toMatchObject({ receivables: 130_000, aging: { '61-90': 50_000 } });
  });

  it('gives the same figures when the reversal is delivered again', () => {
    expect(projectAll(accountProjection, [...withChargeback, ...withChargeback.slice(-1)])).toEqual(projectAll(accountProjection, withChargeback));
  });
});

describe('KPI read model: the collections workflow', () => {
  /*
   * acc-4 (champion timeline) and acc-5 (challenger), March 2026:
   *   3 outbound calls on acc-4, one a right-party contact; a promise kept, a promise broken;
   *   acc-5 pays 5,000 on its invoice; acc-4 pays 4,000, then is placed with an agency for the
   *   remaining 16,000, which collects 4,000 of it; a settlement agreed and completed on acc-5,
   *   writing off 3,000.
   */
  const acc4 = on('acc-4');
  const acc5 = on('acc-5');
  const timeline = (arm: StrategyArm): DataOf<'CollectionTimelineStarted'> => ({
    invoiceId: arm === 'champion' ? 'F' : 'G',
    strategyId: arm,
    arm,
    nextStepOn: null,
  });
  const call = (outcome: ContactOutcome): DataOf<'ContactAttempted'> => ({ channel: 'call', direction: 'outbound', outcome, at: at('2026-03-05') });
  const workflow = [
    acc4('AccountOpened', facts.opened('acc-4'), at('2026-03-01')),
    acc4('InvoiceIssued', facts.invoice('F', 20_000, '2026-03-01', '2026-03-02'), at('2026-03-01')),
    acc4('CollectionTimelineStarted', timeline('champion'), at('2026-03-01')),
    acc5('AccountOpened', facts.opened('acc-5'), at('2026-03-01')),
    acc5('InvoiceIssued', facts.invoice('G', 20_000, '2026-03-01', '2026-03-02'), at('2026-03-01')),
    acc5('CollectionTimelineStarted', timeline('challenger'), at('2026-03-01')),
    acc4('ContactAttempted', call('no_answer'), at('2026-03-05')),
    acc4('ContactAttempted', call('left_message'), at('2026-03-05')),
    acc4('ContactAttempted', call('right_party_contact'), at('2026-03-05')),
    acc4('ContactAttempted', call('refused_to_pay'), at('2026-03-05')),
    acc4('ContactAttempted', { ...call('right_party_contact'), direction: 'inbound' }, at('2026-03-05')),
    acc4('ContactAttempted', { ...call('right_party_contact'), channel: 'letter' }, at('2026-03-05')),
    acc4('PromiseKept', { promiseId: 'p-1', paid: 4_000 }, at('2026-03-10')),
    acc4('PromiseBroken', { promiseId: 'p-2', amount: 1_000, paid: 0 }, at('2026-03-12')),
    acc5('PaymentReceived', facts.payment('p5', 5_000, '2026-03-08', [{ invoiceId: 'G', amount: 5_000 }]), at('2026-03-08')),
    acc4('PaymentReceived', facts.payment('p4', 4_000, '2026-03-09', [{ invoiceId: 'F', amount: 4_000 }]), at('2026-03-09')),
    acc4('PlacedWithAgency', { agencyId: 'ag-1', placedOn: '2026-03-15', balance: 16_000 }, at('2026-03-15')),
    acc4('PaymentReceived', { ...facts.payment('p6', 4_000, '2026-03-20', [{ invoiceId: 'F', amount: 4_000 }]), agencyId: 'ag-1' }, at('2026-03-20')),
    acc5('SettlementAgreed', { settlementId: 's-1', amount: 12_000, currency: 'EUR', dueOn: '2026-03-25', settles: 15_000 }, at('2026-03-21')),
    acc5('PaymentReceived', facts.payment('p7', 12_000, '2026-03-22', [{ invoiceId: 'G', amount: 12_000 }]), at('2026-03-22')),
    acc5('SettlementCompleted', { settlementId: 's-1', paymentId: 'p7', writtenOff: [{ invoiceId: 'G', amount: 3_000 }] }, at('2026-03-22')),
  ];
  const period = () => report('cred-1', '2026-03-01', '2026-03-31', workflow).period.workflow;

  it('rates promises kept, and right-party contacts among call attempts (a refusal to pay reached the debtor too): letters, e-mails and texts are not dials', () => {
    expect(period()).toMatchObject({
      promises: { kept: 1, broken: 1, keptRate: 50 },
      contacts: { outbound: 5, callAttempts: 4, rightParty: 2, rightPartyContactRate: 50 },
    });
  });

  it('counts settlements and write-offs, and the agency’s liquidation of what was placed', () => {
    expect(period()).toMatchObject({
      settlements: { agreed: 1, completed: 1 },
      writtenOff: 3_000,
      agency: { placed: 16_000, collected: 4_000, liquidationRate: 25, byAgency: { 'ag-1': { placed: 16_000, collected: 4_000, liquidationRate: 25 } } },
    });
  });

  it('keeps an agency named `__proto__` apart like any other', () => {
    const acc6 = on('acc-6');
    const placedWithProto = [
      ...workflow,
      acc6('AccountOpened', facts.opened('acc-6'), at('2026-03-01')),
      acc6('InvoiceIssued', facts.invoice('H', 10_000, '2026-03-01', '2026-03-02'), at('2026-03-01')),
      acc6('PlacedWithAgency', { agencyId: '__proto__', placedOn: '2026-03-15', balance: 10_000 }, at('2026-03-15')),
      acc6('PaymentReceived', { ...facts.payment('p8', 2_000, '2026-03-20', [{ invoiceId: 'H', amount: 2_000 }]), agencyId: '__proto__' }, at('2026-03-20')),
    ];
    const { byAgency } = report('cred-1', '2026-03-01', '2026-03-31', placedWithProto).period.workflow.agency;
    expect(Object.entries(byAgency).sort(([a], [b]) => a.localeCompare(b))).toEqual([
      ['__proto__', { placed: 10_000, collected: 2_000, liquidationRate: 20 }],
      ['ag-1', { placed: 16_000, collected: 4_000, liquidationRate: 25 }],
    ]);
  });

  it('splits what was collected between the champion and the challenger', () => {
    expect(period().collectedByStrategy).toEqual({ champion: 8_000, challenger: 17_000 });
  });
});

describe('KPI read model: what a period compares', () => {
  const log = eventLog();
  const acc = log('acc-9');
  const owing = [
    acc('AccountOpened', facts.opened('acc-9'), at('2026-01-01')),
    acc('InvoiceIssued', facts.invoice('X', 100_000, '2026-01-01', '2026-01-31'), at('2026-01-01')),
  ];
  const march = (events: typeof owing) => report('cred-1', '2026-03-01', '2026-03-31', events);

  it('counts a late fee as billed in CEI: a fee alone leaves the day at 0 %, not below it', () => {
    const fee = acc(
      'LateFeeAssessed',
      { invoiceId: 'X', amount: 5_000, currency: 'EUR', assessedOn: '2026-03-05', rule: { type: 'flat', amount: 5_000 } },
      at('2026-03-05'),
    );
    const paid = acc('PaymentReceived', facts.payment('px', 20_000, '2026-03-20', [{ invoiceId: 'X', amount: 20_000 }]), at('2026-03-20'));
    const { series, period } = march([...owing, fee, paid]);
    expect(series.find((day) => day.date === '2026-03-05')).toMatchObject({ lateFees: 5_000, cei: 0 });
    // (100,000 + 5,000 − 85,000) ÷ (100,000 + 5,000 − 0): 19.05 %, where leaving the fee out gave 15 %.
    expect(period).toMatchObject({ lateFees: 5_000, collected: 20_000, cei: 19.05 });
  });

  it('rates an agency’s liquidation on all placed with it and all it collected, to the period’s end', () => {
    const placed = acc('PlacedWithAgency', { agencyId: 'ag-1', placedOn: '2026-01-15', balance: 100_000 }, at('2026-01-15'));
    const collected = acc(
      'PaymentReceived',
      { ...facts.payment('pa', 5_000, '2026-02-10', [{ invoiceId: 'X', amount: 5_000 }]), agencyId: 'ag-1' },
      at('2026-02-10'),
    );
    const y = log('acc-10');
    const more = [
      y('AccountOpened', facts.opened('acc-10'), at('2026-02-01')),
      y('InvoiceIssued', facts.invoice('Y', 2_000, '2026-02-01', '2026-02-10'), at('2026-02-01')),
      y('PlacedWithAgency', { agencyId: 'ag-1', placedOn: '2026-02-20', balance: 2_000 }, at('2026-02-20')),
    ];
    const { agency } = report('cred-1', '2026-02-01', '2026-02-28', [...owing, placed, collected, ...more]).period.workflow;
    // February's 5,000 over the 102,000 placed by then: 4.9 %, where February's own placements gave 5,000 ÷ 2,000 = 250 %.
    expect(agency).toMatchObject({
      placed: 2_000,
      collected: 5_000,
      liquidationRate: 4.9,
      byAgency: { 'ag-1': { placed: 2_000, collected: 5_000, liquidationRate: 4.9 } },
    });
  });
});

describe('KPI read model: a promise kept by a payment recorded late', () => {
  it('counts it kept, not broken, once the payment that kept it is in', () => {
    const acc = eventLog()('acc-11');
    const events = [
      acc('AccountOpened', facts.opened('acc-11'), at('2026-03-01')),
      acc('InvoiceIssued', facts.invoice('P', 20_000, '2026-03-01', '2026-03-02'), at('2026-03-01')),
      acc('PromiseToPayMade', { promiseId: 'p-1', amount: 5_000, currency: 'EUR', dueOn: '2026-03-10', graceDays: 0, madeOn: '2026-03-05' }, at('2026-03-05')),
      acc('PromiseBroken', { promiseId: 'p-1', amount: 5_000, paid: 0 }, at('2026-03-11')),
      acc('PaymentReceived', facts.payment('pp', 5_000, '2026-03-10', [{ invoiceId: 'P', amount: 5_000 }]), at('2026-03-14')),
      acc('PromiseKept', { promiseId: 'p-1', paid: 5_000 }, at('2026-03-14')),
    ];
    expect(report('cred-1', '2026-03-01', '2026-03-31', events).period.workflow.promises).toEqual({ kept: 1, broken: 0, keptRate: 100 });
  });
});
