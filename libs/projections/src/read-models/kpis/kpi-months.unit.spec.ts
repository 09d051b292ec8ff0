import { isDeepStrictEqual } from 'node:util';
import type { ProjectedDocument } from '../../projection';
import type { RecordedAccountEvent } from '../account-events';
import { accountProjection, eventLog, facts, kpiWindowOf, projectAll } from '../read-model.fixtures';
import { isKpiDay, PORTFOLIO } from './kpi-days';
import { isKpiMonth } from './kpi-months';
import { kpiReport, windowStart } from './kpi-series';

const at = (day: string) => `${day}T10:00:00.000Z`;
/** When the late facts are recorded: after every business day below. */
const LATE = '2026-06-15';
const usd = <T extends { currency: string }>(data: T): T => ({ ...data, currency: 'USD' });

/*
 * The window is May 2026: its day documents are read from 04-01 (30 days back, to the month's start),
 * month totals before that. Three creditors' accounts, in EUR and USD:
 *   acc-1 (cred-1, EUR) invoice X due 02-09, past due from 02-10
 *   acc-2 (cred-2, USD) invoice Y due 03-03
 *   acc-3 (cred-1, EUR) invoice Z 04-20, due 05-20
 *   acc-4 (cred-2, EUR) invoice V 04-25 due 05-05, paid on 05-15 (a cure then)
 * and facts recorded late (on 06-15) of business days before the window, on its first day, inside it, on its last day.
 */
const log = eventLog();
const acc1 = log('acc-1');
const acc2 = log('acc-2', 'cred-2');
const acc3 = log('acc-3');
const acc4 = log('acc-4', 'cred-2');
const onTime = [
  acc1('AccountOpened', facts.opened('acc-1'), at('2026-01-10')),
  acc1('InvoiceIssued', facts.invoice('X', 30_000, '2026-01-10', '2026-02-09'), at('2026-01-10')),
  acc2('AccountOpened', facts.opened('acc-2', 'cred-2'), at('2026-02-01')),
  acc2('InvoiceIssued', usd(facts.invoice('Y', 20_000, '2026-02-01', '2026-03-03')), at('2026-02-01')),
  acc3('AccountOpened', facts.opened('acc-3'), at('2026-04-20')),
  acc3('InvoiceIssued', facts.invoice('Z', 10_000, '2026-04-20', '2026-05-20'), at('2026-04-20')),
  acc4('AccountOpened', facts.opened('acc-4', 'cred-2'), at('2026-04-25')),
  acc4('InvoiceIssued', facts.invoice('V', 8_000, '2026-04-25', '2026-05-05'), at('2026-04-25')),
  acc4('PaymentReceived', facts.payment('pv', 8_000, '2026-05-15', [{ invoiceId: 'V', amount: 8_000 }]), at('2026-05-15')),
];
const late = {
  /** Before the window: acc-1 paid half of X on 02-20. */
  before: acc1('PaymentReceived', facts.payment('p1', 15_000, '2026-02-20', [{ invoiceId: 'X', amount: 15_000 }]), at(LATE)),
  /** An older invoice of acc-4, due 03-01: it restates acc-4's delinquency from February into the window (05-15 is no longer a cure). */
  restating: acc4('InvoiceIssued', facts.invoice('U', 5_000, '2026-02-01', '2026-03-01'), at(LATE)),
  /** On the window's first day: acc-2 paid Y in USD. */
  first: acc2('PaymentReceived', usd(facts.payment('p2', 20_000, '2026-05-01', [{ invoiceId: 'Y', amount: 20_000 }])), at(LATE)),
  /** Inside the window: acc-3 paid part of Z. */
  inside: acc3('PaymentReceived', facts.payment('p3', 4_000, '2026-05-10', [{ invoiceId: 'Z', amount: 4_000 }]), at(LATE)),
  /** On its last day: acc-3 paid the rest of Z. */
  last: acc3('PaymentReceived', facts.payment('p4', 6_000, '2026-05-31', [{ invoiceId: 'Z', amount: 6_000 }]), at(LATE)),
};
const everything = [...onTime, ...Object.values(late)];

const scopes = ['cred-1', 'cred-2', PORTFOLIO];
const windows: [string, string][] = [
  ['2026-05-01', '2026-05-31'],
  ['2026-05-01', '2026-05-01'],
  ['2026-05-31', '2026-05-31'],
  ['2026-05-10', '2026-06-10'],
  ['2026-02-20', '2026-05-31'],
  ['2026-03-01', '2026-03-31'],
];
const windowed = (documents: Map<string, ProjectedDocument>, scope: string, from: string, to: string) => {
  const { days, months } = kpiWindowOf(documents, scope, from, to);
  return kpiReport(days, from, to, months);
};
const fromEveryDay = (documents: Map<string, ProjectedDocument>, scope: string, from: string, to: string) =>
  kpiReport(
    [...documents.values()].filter(isKpiDay).filter((day) => day.scope === scope && day.date <= to),
    from,
    to,
  );
const monthsOf = (events: RecordedAccountEvent[]) =>
  new Map([...projectAll(accountProjection, events).values()].filter(isKpiMonth).map((month) => [month.id, month.currencies]));

describe('KPIs: month totals before the window', () => {
  it('reads the window’s days from the first of the month 30 days before it', () => {
    expect([windowStart('2026-05-01'), windowStart('2026-05-31'), windowStart('2026-03-30'), windowStart('2026-03-31')]).toEqual([
      '2026-04-01',
      '2026-05-01',
      '2026-02-01',
      '2026-03-01',
    ]);
  });

  it('gives every figure as the day documents from the start of history up to the period’s end do, for each creditor, the portfolio and each currency, late facts included', () => {
    const documents = projectAll(accountProjection, everything);
    for (const scope of scopes) {
      for (const [from, to] of windows) expect(windowed(documents, scope, from, to)).toEqual(fromEveryDay(documents, scope, from, to));
    }
    expect(Object.keys(windowed(documents, PORTFOLIO, '2026-05-01', '2026-05-31'))).toEqual(['EUR', 'USD']);
  });

  it('restates what a late fact changed: the cure of 05-15 undone by an older invoice imported late, the payments on the first and last days counted', () => {
    const documents = projectAll(accountProjection, everything);
    const cred2 = windowed(documents, 'cred-2', '2026-05-01', '2026-05-31');
    expect(cred2.EUR?.period).toMatchObject({ cures: 0, collected: 8_000 });
    expect(cred2.EUR?.series.at(-1)).toMatchObject({ receivables: 5_000, delinquentAccounts: 1 });
    expect(cred2.USD?.series[0]).toMatchObject({ date: '2026-05-01', collected: 20_000, receivables: 0 });
    const cred1 = windowed(documents, 'cred-1', '2026-05-01', '2026-05-31');
    expect(cred1.EUR?.series.at(-1)).toMatchObject({ date: '2026-05-31', collected: 6_000, receivables: 15_000 });
    expect(cred1.EUR?.period).toMatchObject({ collected: 10_000 });
  });

  it('a late fact changes only the month totals of its own business day, in its creditor and the portfolio', () => {
    for (const fact of Object.values(late)) {
      const without = monthsOf(everything.filter((event) => event !== fact));
      const changed = [...monthsOf(everything)].filter(([id, currencies]) => !isDeepStrictEqual(currencies, without.get(id)));
      const month = businessMonth(fact);
      expect(changed.map(([id]) => id).sort()).toEqual([`month:${fact.metadata.creditorId}:${month}`, `month:*:${month}`].sort());
    }
  });

  it('keeps what a fact restated on days after its month apart, by day, so that it lands there', () => {
    const february = projectAll(accountProjection, everything).get('kpis/month:cred-2:2026-02');
    expect(isKpiMonth(february) && Object.keys(february.currencies.EUR?.later ?? {}).sort()).toEqual(['2026-04-25', '2026-05-15']);
  });
});

/** The business month of the late facts above: each is dated by its own data. */
function businessMonth(event: RecordedAccountEvent): string {
  const data = event.data as { receivedOn?: string; issuedOn?: string };
  return (data.receivedOn ?? data.issuedOn ?? '').slice(0, 7);
}
