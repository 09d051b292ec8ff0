import fc from 'fast-check';
import { addDays } from '@arrears/domain';
import { reportingZones } from '@arrears/platform';
import type { ProjectedDocument } from '../../projection';
import type { RecordedAccountEvent } from '../account-events';
import { accountProjectionFor } from '../account/account.projection';
import { accountProjection, eventLog, facts, kpiWindowOf, projectAll, type DataOf } from '../read-model.fixtures';
import { isKpiDay, PORTFOLIO } from './kpi-days';
import { kpiReport } from './kpi-series';

const at = (day: string, time = '10:00:00') => `${day}T${time}.000Z`;
const TODAY = '2026-12-02';
const daysOf = (documents: Map<string, ProjectedDocument>, scope: string) => [...documents.values()].filter(isKpiDay).filter((day) => day.scope === scope);
const reportOf = (events: RecordedAccountEvent[], from: string, to: string, scope = 'cred-1', projection = accountProjection) =>
  kpiReport(daysOf(projectAll(projection, events), scope), from, to);
const eur = (events: RecordedAccountEvent[], from: string, to: string, scope = 'cred-1') => reportOf(events, from, to, scope).EUR!;
const dayOf = (events: RecordedAccountEvent[], date: string) => eur(events, date, date).series[0]!;

/** A fact as a ledger holds it: which account, its type and data, and the business day it happened on. */
interface Fact {
  accountId: string;
  type: 'AccountOpened' | 'InvoiceIssued' | 'CreditApplied' | 'PaymentReceived' | 'ContactAttempted' | 'PlanAgreed' | 'DebtWrittenOff' | 'SettlementCompleted';
  data: unknown;
  on: string;
}
const fact = <T extends Fact['type']>(accountId: string, type: T, data: DataOf<T>, on: string): Fact => ({ accountId, type, data, on });

/** The facts recorded in this order, each at the instant `recordedAt` gives it. */
function recorded(ledger: Fact[], recordedAt: (fact: Fact, index: number) => string): RecordedAccountEvent[] {
  const log = eventLog();
  const creditors = new Map(
    ledger.flatMap(({ type, data }) =>
      type === 'AccountOpened' ? [[(data as DataOf<'AccountOpened'>).accountId, (data as DataOf<'AccountOpened'>).creditorId]] : [],
    ),
  );
  const streams = new Map<string, ReturnType<typeof log>>();
  return ledger.map((entry, index) => {
    const stream = streams.get(entry.accountId) ?? log(entry.accountId, creditors.get(entry.accountId));
    streams.set(entry.accountId, stream);
    return stream(entry.type, entry.data as never, recordedAt(entry, index));
  });
}
const dayByDay = (ledger: Fact[]) => recorded(ledger, (entry) => at(entry.on));
const importedToday = (ledger: Fact[]) => recorded(ledger, () => at(TODAY));

/*
 * A creditor adopting the service loads its ledger: credit sales of 70,000 (April), 80,000 (May) and
 * 100,000 (June), 38,000 collected, 212,000 owed on 06-30.
 */
const portfolio: Fact[] = [
  fact('acc-a', 'AccountOpened', facts.opened('acc-a'), '2026-04-15'),
  fact('acc-a', 'InvoiceIssued', facts.invoice('A', 70_000, '2026-04-15', '2026-05-15'), '2026-04-15'),
  fact('acc-a', 'PaymentReceived', facts.payment('pa', 38_000, '2026-05-20', [{ invoiceId: 'A', amount: 38_000 }]), '2026-05-20'),
  fact('acc-b', 'AccountOpened', facts.opened('acc-b'), '2026-05-15'),
  fact('acc-b', 'InvoiceIssued', facts.invoice('B', 80_000, '2026-05-15', '2026-06-14'), '2026-05-15'),
  fact('acc-c', 'AccountOpened', facts.opened('acc-c'), '2026-06-15'),
  fact('acc-c', 'InvoiceIssued', facts.invoice('C', 100_000, '2026-06-15', '2026-07-15'), '2026-06-15'),
];

describe('KPIs in business time: a ledger imported today', () => {
  const imported = () => eur(importedToday(portfolio), '2026-04-01', '2026-06-30');

  it('dates every fact by its business day, so the imported ledger reads exactly as the same ledger built day by day', () => {
    expect(imported()).toEqual(eur(dayByDay(portfolio), '2026-04-01', '2026-06-30'));
  });

  it('counts back by calendar months on 06-30: 212,000 − 100,000 (June, 30 days) − 80,000 (May, 31) leaves 32,000 of April’s 70,000 → 61 + 13.71', () => {
    expect(imported().series.at(-1)).toMatchObject({ receivables: 212_000, dso: { countBack: 74.71, countBack30: 73.71 } });
  });

  it('gives simple DSO 212,000 × 30 ÷ 100,000 = 63.6, Best Possible DSO 100,000 × 30 ÷ 100,000 = 30, ADD 33.6', () => {
    expect(imported().series.at(-1)).toMatchObject({ dso: { simple: 63.6 }, bestPossibleDso: 30, averageDaysDelinquent: 33.6 });
  });

  it('rolls against 05-31: B’s 80,000 current → 1-30 (100 %), A’s 32,000 1-30 → 31-60 (100 %)', () => {
    expect(imported().series.at(-1)?.rollRates).toMatchObject({ 'current→1-30': 100, '1-30→31-60': 100, '31-60→61-90': null });
  });

  it('computes the quarter’s CEI (0 + 250,000 − 212,000) ÷ (0 + 250,000 − 100,000) = 25.33 %', () => {
    expect(imported().period).toMatchObject({ creditSales: 250_000, collected: 38_000, cei: 25.33 });
  });
});

describe('KPIs in business time: late facts restate the days from their business day on', () => {
  const ledger: Fact[] = [
    fact('acc-1', 'AccountOpened', facts.opened('acc-1'), '2026-01-05'),
    fact('acc-1', 'InvoiceIssued', facts.invoice('X', 10_000, '2026-01-05', '2026-01-31'), '2026-01-05'),
    fact('acc-1', 'PaymentReceived', facts.payment('p1', 10_000, '2026-02-10', [{ invoiceId: 'X', amount: 10_000 }]), '2026-02-10'),
  ];

  it('a payment recorded a week late: the days before it stand, the days from its date on are restated', () => {
    const before = eur(dayByDay(ledger.slice(0, 2)), '2026-02-01', '2026-02-28').series;
    const late = recorded(ledger, (entry) => at(entry.type === 'PaymentReceived' ? '2026-02-17' : entry.on));
    const after = eur(late, '2026-02-01', '2026-02-28').series;
    expect(after.slice(0, 9)).toEqual(before.slice(0, 9));
    expect(after[9]).toMatchObject({ date: '2026-02-10', receivables: 0, collected: 10_000, cureRate: 100, delinquentAccounts: 0 });
    expect(after).toEqual(eur(dayByDay(ledger), '2026-02-01', '2026-02-28').series);
  });

  it('an invoice imported later that was past due on 02-10 undoes that day’s cure', () => {
    const older = fact('acc-1', 'InvoiceIssued', facts.invoice('W', 5_000, '2026-01-06', '2026-02-05'), '2026-01-06');
    const withOlder = [...ledger, older];
    expect(eur(dayByDay(ledger), '2026-02-10', '2026-02-10').period.cures).toBe(1);
    const restated = eur(
      recorded(withOlder, (entry) => at(entry === older ? '2026-03-15' : entry.on)),
      '2026-02-10',
      '2026-02-10',
    );
    expect(restated.period).toMatchObject({ cures: 0, cureRate: 0 });
    expect(restated.series[0]).toMatchObject({ receivables: 5_000, delinquentAccounts: 1 });
  });
});

describe('KPIs: how a delinquency ends', () => {
  const owing = (accountId: string): Fact[] => [
    fact(accountId, 'AccountOpened', facts.opened(accountId), '2026-01-05'),
    fact(accountId, 'InvoiceIssued', facts.invoice(`${accountId}-inv`, 10_000, '2026-01-05', '2026-01-31'), '2026-01-05'),
  ];
  const plan = (accountId: string): DataOf<'PlanAgreed'> => ({
    planId: `${accountId}-plan`,
    currency: 'EUR',
    agreedOn: '2026-02-10',
    installments: [{ number: 1, dueOn: '2026-03-10', amount: 10_000 }],
    covers: [{ invoiceId: `${accountId}-inv`, amount: 10_000 }],
  });
  const endings: Fact[] = [
    ...owing('paid'),
    fact('paid', 'PaymentReceived', facts.payment('p-paid', 10_000, '2026-02-10', [{ invoiceId: 'paid-inv', amount: 10_000 }]), '2026-02-10'),
    ...owing('planned'),
    fact('planned', 'PlanAgreed', plan('planned'), '2026-02-10'),
    ...owing('written'),
    fact('written', 'DebtWrittenOff', { reason: 'uneconomic', allocations: [{ invoiceId: 'written-inv', amount: 10_000 }] }, '2026-02-10'),
    ...owing('settled'),
    fact('settled', 'PaymentReceived', facts.payment('p-settled', 6_000, '2026-02-10', [{ invoiceId: 'settled-inv', amount: 6_000 }]), '2026-02-10'),
    fact(
      'settled',
      'SettlementCompleted',
      { settlementId: 's-1', paymentId: 'p-settled', writtenOff: [{ invoiceId: 'settled-inv', amount: 4_000 }] },
      '2026-02-10',
    ),
    ...owing('still'),
  ];

  it('cures a delinquent account by a payment or by an arrangement; a write-off or a settlement is an outcome of its own, not a cure', () => {
    const { period } = eur(dayByDay(endings), '2026-02-10', '2026-02-10');
    expect(period).toMatchObject({
      cures: 2,
      cureRate: 40,
      delinquencyOutcomes: { curedByPayment: 1, curedByArrangement: 1, settled: 1, writtenOff: 1, disputeUpheld: 0 },
    });
    // Under a plan the account is not delinquent, though its invoice is still owed and ages.
    expect(dayOf(dayByDay(endings), '2026-02-10')).toMatchObject({ delinquentAccounts: 1, receivables: 20_000 });
  });

  it('counts a payment of what was past due as a cure though a current invoice is written off the same day', () => {
    const goodwill: Fact[] = [
      ...owing('goodwill'),
      fact('goodwill', 'InvoiceIssued', facts.invoice('goodwill-current', 5_000, '2026-02-01', '2026-03-31'), '2026-02-01'),
      fact('goodwill', 'PaymentReceived', facts.payment('p-good', 10_000, '2026-02-10', [{ invoiceId: 'goodwill-inv', amount: 10_000 }]), '2026-02-10'),
      fact('goodwill', 'DebtWrittenOff', { reason: 'goodwill', allocations: [{ invoiceId: 'goodwill-current', amount: 500 }] }, '2026-02-10'),
    ];
    expect(eur(dayByDay(goodwill), '2026-02-10', '2026-02-10').period).toMatchObject({
      cures: 1,
      delinquencyOutcomes: { curedByPayment: 1, writtenOff: 0 },
    });
  });

  it('counts a part payment and a write-off of the rest on one day as written off, not cured', () => {
    const partly: Fact[] = [
      ...owing('partly'),
      fact('partly', 'PaymentReceived', facts.payment('p-part', 1_000, '2026-02-10', [{ invoiceId: 'partly-inv', amount: 1_000 }]), '2026-02-10'),
      fact('partly', 'DebtWrittenOff', { reason: 'uneconomic', allocations: [{ invoiceId: 'partly-inv', amount: 9_000 }] }, '2026-02-10'),
    ];
    expect(eur(dayByDay(partly), '2026-02-10', '2026-02-10').period).toMatchObject({
      cures: 0,
      delinquencyOutcomes: { curedByPayment: 0, curedByArrangement: 0, settled: 0, writtenOff: 1, disputeUpheld: 0 },
    });
  });
});

describe('KPIs: credit sales, late fees and discounts', () => {
  it('counts credit sales net of early-payment discounts, and late fees apart', () => {
    const log = eventLog();
    const acc = log('acc-1');
    const events = [
      acc('AccountOpened', facts.opened('acc-1'), at('2026-03-01')),
      acc('InvoiceIssued', facts.invoice('X', 10_000, '2026-03-01', '2026-03-31'), at('2026-03-01')),
      acc('InvoiceIssued', facts.invoice('Y', 5_000, '2026-03-01', '2026-03-05'), at('2026-03-01')),
      acc('LateFeeAssessed', { invoiceId: 'Y', amount: 500, currency: 'EUR', assessedOn: '2026-03-15', rule: { type: 'flat', amount: 500 } }, at('2026-03-20')),
      acc('PaymentReceived', facts.payment('p1', 9_800, '2026-03-08', [{ invoiceId: 'X', amount: 9_800 }]), at('2026-03-08')),
      acc('EarlyPaymentDiscountApplied', { invoiceId: 'X', paymentId: 'p1', amount: 200, currency: 'EUR', percent: 2 }, at('2026-03-08')),
    ];
    const { period, series } = eur(events, '2026-03-01', '2026-03-31');
    expect(period).toMatchObject({ creditSales: 14_800, lateFees: 500, collected: 9_800 });
    expect(series.find((day) => day.date === '2026-03-15')).toMatchObject({ lateFees: 500, receivables: 5_500 });
  });
});

describe('KPIs: the creditor’s reporting time zone', () => {
  it('dates a call at 03:00 UTC on 03-01 on 02-28 for a creditor reporting in New York, on 03-01 for one in UTC', () => {
    const log = eventLog();
    const call = (accountId: string, creditorId: string) => {
      const acc = log(accountId, creditorId);
      return [
        acc('AccountOpened', facts.opened(accountId, creditorId), at('2026-02-01')),
        acc('InvoiceIssued', facts.invoice(`${accountId}-inv`, 1_000, '2026-02-01', '2026-02-10'), at('2026-02-01')),
        acc('ContactAttempted', { channel: 'call', direction: 'outbound', outcome: 'no_answer', at: '2026-03-01T03:00:00.000Z' }, at('2026-03-02')),
      ];
    };
    const events = [...call('acc-ny', 'cred-ny'), ...call('acc-utc', 'cred-utc')];
    const projection = accountProjectionFor(reportingZones({ 'cred-ny': 'America/New_York' }));
    const callsOn = (scope: string, day: string) => reportOf(events, day, day, scope, projection).EUR?.period.workflow.contacts.callAttempts;
    expect([callsOn('cred-ny', '2026-02-28'), callsOn('cred-ny', '2026-03-01')]).toEqual([1, 0]);
    expect([callsOn('cred-utc', '2026-02-28'), callsOn('cred-utc', '2026-03-01')]).toEqual([0, 1]);
  });
});

describe('KPIs: a payment received before an invoice it paid was issued', () => {
  // 20,000 paid on 01-20, when only inv-1 (10,000) was owed; inv-2 (10,000) was issued on 02-05. Decided after both
  // invoices were in (an import lists its invoices first), the payment is spread over both, dated 01-20; recorded as
  // it happened, the rest is credit, applied to inv-2 when it is issued.
  const opened = fact('acc-x', 'AccountOpened', facts.opened('acc-x'), '2026-01-01');
  const first = fact('acc-x', 'InvoiceIssued', facts.invoice('inv-1', 10_000, '2026-01-05', '2026-01-31'), '2026-01-05');
  const second = fact('acc-x', 'InvoiceIssued', facts.invoice('inv-2', 10_000, '2026-02-05', '2026-02-28'), '2026-02-05');
  const both = [
    { invoiceId: 'inv-1', amount: 10_000 },
    { invoiceId: 'inv-2', amount: 10_000 },
  ];
  const spread = fact('acc-x', 'PaymentReceived', facts.payment('p', 20_000, '2026-01-20', both), '2026-01-20');
  const credited = fact('acc-x', 'PaymentReceived', facts.payment('p', 20_000, '2026-01-20', both.slice(0, 1), 10_000), '2026-01-20');
  const applied = fact('acc-x', 'CreditApplied', { invoiceId: 'inv-2', amount: 10_000, currency: 'EUR' }, '2026-02-05');

  it('owes nothing below zero in between: no receivable moves before its invoice is issued', () => {
    const { series } = eur(importedToday([opened, first, second, spread]), '2026-01-01', '2026-03-31');
    expect(series.find((day) => day.date === '2026-01-25')).toMatchObject({ receivables: 0, collected: 0 });
    expect(series.find((day) => day.date === '2026-01-20')).toMatchObject({ receivables: 0, collected: 20_000 });
    expect(Math.min(...series.map((day) => day.receivables))).toBe(0);
  });

  it('reads as the same ledger recorded day by day, the rest kept as credit and applied on the invoice’s day', () => {
    expect(eur(importedToday([opened, first, second, spread]), '2026-01-01', '2026-03-31')).toEqual(
      eur(dayByDay([opened, first, credited, second, applied]), '2026-01-01', '2026-03-31'),
    );
  });
});

describe('KPIs: the order facts arrive in does not matter', () => {
  const start = '2026-01-01';
  /** An account's ledger: invoices, payments on them (never more than owed), calls. */
  const account = (n: number) =>
    fc
      .record({
        invoices: fc.array(fc.record({ issued: fc.nat(60), term: fc.nat(45), amount: fc.integer({ min: 100, max: 50_000 }) }), { minLength: 1, maxLength: 3 }),
        payments: fc.array(fc.record({ invoice: fc.nat(2), after: fc.nat(90), share: fc.integer({ min: 1, max: 100 }) }), { maxLength: 3 }),
        calls: fc.array(fc.record({ day: fc.nat(120), reached: fc.boolean() }), { maxLength: 2 }),
        creditor: fc.constantFrom('cred-1', 'cred-2'),
      })
      .map(({ invoices, payments, calls, creditor }) => ledgerOf(`acc-${n}`, creditor, invoices, payments, calls));
  const ledgers = fc.tuple(account(1), account(2), account(3));

  function ledgerOf(
    accountId: string,
    creditorId: string,
    invoices: { issued: number; term: number; amount: number }[],
    payments: { invoice: number; after: number; share: number }[],
    calls: { day: number; reached: boolean }[],
  ): Fact[] {
    const opened = fact(accountId, 'AccountOpened', facts.opened(accountId, creditorId), start);
    const issued = invoices.map(({ issued: day, term, amount }, k) =>
      fact(accountId, 'InvoiceIssued', facts.invoice(`${accountId}-${k}`, amount, addDays(start, day), addDays(start, day + term)), addDays(start, day)),
    );
    const owed = invoices.map(({ amount }) => amount);
    const paid = payments.flatMap(({ invoice, after, share }, k) => {
      const index = invoice % invoices.length;
      const amount = Math.min(owed[index]!, Math.ceil((invoices[index]!.amount * share) / 100));
      if (amount <= 0) return [];
      owed[index]! -= amount;
      const on = addDays(issued[index]!.on, after);
      return [fact(accountId, 'PaymentReceived', facts.payment(`${accountId}-p${k}`, amount, on, [{ invoiceId: `${accountId}-${index}`, amount }]), on)];
    });
    const called = calls.map(({ day, reached }) =>
      fact(
        accountId,
        'ContactAttempted',
        { channel: 'call', direction: 'outbound', outcome: reached ? 'right_party_contact' : 'no_answer', at: at(addDays(start, day)) },
        addDays(start, day),
      ),
    );
    return [opened, ...issued, ...paid, ...called];
  }

  /**
   * The facts in the order `keys` gives, as far as a log can hold them: an account opens first, a
   * payment follows its invoice, and calls follow the account's first invoice (until an account has a
   * currency, its facts are not counted in any).
   */
  function arrival(ledger: Fact[], keys: number[]): Fact[] {
    const pending = ledger.map((entry, k) => ({ entry, key: keys[k % keys.length]! + k / 1_000 })).sort((a, b) => a.key - b.key);
    const arrived: Fact[] = [];
    const known = new Set<string>();
    const ready = ({ accountId, type, data }: Fact) => {
      if (type === 'AccountOpened') return true;
      if (type === 'PaymentReceived') return known.has((data as DataOf<'PaymentReceived'>).allocations[0]!.invoiceId);
      return known.has(type === 'InvoiceIssued' ? accountId : `${accountId}:invoiced`);
    };
    while (pending.length) {
      const next = pending.findIndex(({ entry }) => ready(entry));
      const { entry } = pending.splice(next, 1)[0]!;
      arrived.push(entry);
      known.add(entry.accountId);
      if (entry.type === 'InvoiceIssued') known.add((entry.data as DataOf<'InvoiceIssued'>).invoiceId).add(`${entry.accountId}:invoiced`);
    }
    return arrived;
  }

  /** The order facts arrive in (see `arrival`), and the days after the start each is recorded on. */
  const arrivalKeys = fc.array(fc.nat(1_000), { minLength: 30, maxLength: 30 });
  const recordingDelays = fc.array(fc.nat(330), { minLength: 30, maxLength: 30 });

  /** The ledger's facts in the order `keys` gives, each recorded `delays` days after the start. */
  const arrivedLate = (ledger: Fact[], keys: number[], delays: number[]) =>
    recorded(arrival(ledger, keys), (entry, k) => at(addDays(start, delays[k % delays.length]!)));

  it('gives the same daily series for any arrival of the same facts, recorded on any days', () => {
    fc.assert(
      fc.property(ledgers, arrivalKeys, recordingDelays, (accounts, keys, delays) => {
        const ledger = accounts.flat();
        const inOrder = [...ledger].sort((a, b) => a.on.localeCompare(b.on));
        const shuffled = arrivedLate(ledger, keys, delays);
        for (const scope of ['cred-1', 'cred-2', PORTFOLIO]) {
          expect(reportOf(shuffled, '2026-01-01', '2026-05-31', scope)).toEqual(reportOf(dayByDay(arrival(inOrder, [0])), '2026-01-01', '2026-05-31', scope));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('reads the same figures from month totals and the window’s days as from every day up to its end, whatever arrived late, before the window or in it', () => {
    fc.assert(
      fc.property(ledgers, arrivalKeys, recordingDelays, fc.nat(200), fc.nat(120), (accounts, keys, delays, offset, length) => {
        const documents = projectAll(accountProjection, arrivedLate(accounts.flat(), keys, delays));
        const [from, to] = [addDays(start, offset), addDays(start, offset + length)];
        for (const scope of ['cred-1', 'cred-2', PORTFOLIO]) {
          const { days, months } = kpiWindowOf(documents, scope, from, to);
          expect(kpiReport(days, from, to, months)).toEqual(
            kpiReport(
              daysOf(documents, scope).filter(({ date }) => date <= to),
              from,
              to,
            ),
          );
        }
      }),
      { numRuns: 40 },
    );
  });

  it('leaves every day before the earliest day document later facts rewrote as it was, and computes from a day on the same days as the whole', () => {
    // Days of the period compared before and after (not all runs have one: a late fact may rewrite its first day).
    let compared = 0;
    fc.assert(
      fc.property(ledgers, arrivalKeys, recordingDelays, fc.nat(100), (accounts, keys, delays, share) => {
        const events = arrivedLate(accounts.flat(), keys, delays);
        const earlier = projectAll(accountProjection, events.slice(0, Math.floor((events.length * share) / 100)));
        const later = projectAll(accountProjection, events);
        const [from, to] = ['2026-01-01', '2026-05-31'];
        for (const scope of ['cred-1', 'cred-2', PORTFOLIO]) {
          const rewritten = daysOf(later, scope).filter((day) => JSON.stringify(day) !== JSON.stringify(earlier.get(day.id)));
          const since = rewritten.reduce((first, { date }) => (date < first ? date : first), addDays(to, 1));
          const [before, after] = [kpiReport(daysOf(earlier, scope), from, to), kpiReport(daysOf(later, scope), from, to)];
          for (const [currency, { series }] of Object.entries(after)) {
            const known = before[currency]?.series.filter(({ date }) => date < since);
            if (known) expect(series.filter(({ date }) => date < since)).toEqual(known);
            compared += known?.length ?? 0;
            expect(kpiReport(daysOf(later, scope), from, to, [], since)[currency]).toEqual({
              ...after[currency],
              series: series.filter(({ date }) => date >= since),
            });
          }
        }
      }),
      { numRuns: 40 },
    );
    expect(compared).toBeGreaterThan(0);
  });
});
