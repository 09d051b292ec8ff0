import { agingBuckets, dateOfDayNumber, dayNumber, type IsoDate } from '@arrears/domain';
import { DailyTotals, type Day } from './daily-totals';
import type { Flows } from './kpi-figures';
import type { KpiDayDocument } from './kpi-days';

/** A "month" of the count-back and trailing ratios: 30 days back from the day. */
const MONTH = 30;
/** The count-back walks back at most this many months. */
const COUNT_BACK_MONTHS = 12;

const ratio = (numerator: number, denominator: number, scale = 1): number | null =>
  denominator > 0 ? Math.round((numerator / denominator) * scale * 100) / 100 : null;

/**
 * DSO by the count-back method: from the day, walk back month by month, taking each month's credit
 * sales off the receivables and adding its days, until what remains is less than a month's sales;
 * then add that fraction of the month. Null when 12 months of sales do not account for it.
 */
function countBackDso(totals: DailyTotals, day: Day): number | null {
  let remaining = totals.receivablesOn(day);
  for (let month = 0; month < COUNT_BACK_MONTHS; month++) {
    const end = day - MONTH * month;
    const sales = totals.flowBetween(end - MONTH, end, 'creditSales');
    if (remaining <= sales) return MONTH * month + (ratio(remaining * MONTH, sales) ?? 0);
    remaining -= sales;
  }
  return null;
}

/** All KPIs of one day (formulas in docs/kpis.md; rates in %). */
function kpisOn(totals: DailyTotals, day: Day) {
  const yesterday = day - 1;
  const receivables = totals.receivablesOn(day);
  const aging = totals.agingOn(day);
  const salesThisMonth = totals.flowBetween(day - MONTH, day, 'creditSales');
  const simpleDso = ratio(receivables * MONTH, salesThisMonth);
  const bestPossibleDso = ratio(aging.current * MONTH, salesThisMonth);
  const creditSales = totals.flowBetween(yesterday, day, 'creditSales');
  return {
    date: dateOfDayNumber(day),
    receivables,
    aging,
    creditSales,
    collected: totals.flowBetween(yesterday, day, 'collected'),
    dso: { countBack: countBackDso(totals, day), simple: simpleDso },
    bestPossibleDso,
    averageDaysDelinquent: simpleDso !== null && bestPossibleDso !== null ? Math.round((simpleDso - bestPossibleDso) * 100) / 100 : null,
    cei: cei(totals.receivablesOn(yesterday), creditSales, receivables, aging.current),
    rollRates: rollRates(totals, day - MONTH, day),
    delinquentAccounts: totals.delinquentAccountsOn(day),
    cureRate: ratio(totals.flowBetween(yesterday, day, 'cures'), totals.delinquentAccountsOn(yesterday), 100),
    planCompletionRate: ratio(totals.flowUntil(day, 'plansCompleted'), totals.flowUntil(day, 'plansAgreed'), 100),
  };
}

/**
 * Collection Effectiveness Index, in %: (opening receivables + credit sales − closing total)
 * ÷ (opening receivables + credit sales − closing current) × 100.
 */
export function cei(opening: number, creditSales: number, closingTotal: number, closingCurrent: number): number | null {
  return ratio(opening + creditSales - closingTotal, opening + creditSales - closingCurrent, 100);
}

const rollRateNames = agingBuckets.slice(0, -1).map((bucket, k) => `${bucket}→${agingBuckets[k + 1]}`);

/** Roll rate k→k+1, in %: the balance in bucket k+1 on `day` ÷ the balance in bucket k on `before`. */
export function rollRates(totals: DailyTotals, before: Day, day: Day): Record<string, number | null> {
  const rates: Record<string, number | null> = {};
  rollRateNames.forEach((name, k) => (rates[name] = ratio(totals.bucketOn(day, k + 1), totals.bucketOn(before, k), 100)));
  return rates;
}

/** The daily series from `from` to `to` (inclusive), with the period's own CEI, collections and cures. */
function kpiSeries(totals: DailyTotals, from: IsoDate, to: IsoDate) {
  const [first, last] = [dayNumber(from), dayNumber(to)];
  const series = [];
  for (let day = first; day <= last; day++) series.push(kpisOn(totals, day));
  const before = first - 1;
  const creditSales = totals.flowBetween(before, last, 'creditSales');
  const cures = totals.flowBetween(before, last, 'cures');
  return {
    series,
    period: {
      creditSales,
      collected: totals.flowBetween(before, last, 'collected'),
      cei: cei(totals.receivablesOn(before), creditSales, totals.receivablesOn(last), totals.bucketOn(last, 0)),
      cures,
      cureRate: ratio(cures, totals.delinquentAccountsOn(before), 100),
      workflow: workflowKpis((name) => totals.flowBetween(before, last, name)),
    },
  };
}

/** The collections workflow's KPIs over a period, from its flows (rates in %). */
export function workflowKpis(flow: (name: keyof Flows) => number) {
  const kept = flow('promisesKept');
  const placed = flow('placedWithAgency');
  return {
    promises: { kept, broken: flow('promisesBroken'), keptRate: ratio(kept, kept + flow('promisesBroken'), 100) },
    contacts: {
      outbound: flow('outboundContacts'),
      rightParty: flow('rightPartyContacts'),
      rightPartyContactRate: ratio(flow('rightPartyContacts'), flow('outboundContacts'), 100),
    },
    settlements: { agreed: flow('settlementsAgreed'), completed: flow('settlementsCompleted') },
    writtenOff: flow('writtenOff'),
    agency: { placed, collected: flow('collectedByAgency'), liquidationRate: ratio(flow('collectedByAgency'), placed, 100) },
    collectedByStrategy: { champion: flow('collectedChampion'), challenger: flow('collectedChallenger') },
  };
}

/** The report for a scope: one series per currency, from all its day documents up to `to` (any order). */
export function kpiReport(days: Pick<KpiDayDocument, 'date' | 'figures'>[], from: IsoDate, to: IsoDate) {
  const currencies = [...new Set(days.flatMap((day) => Object.keys(day.figures)))].sort();
  return Object.fromEntries(
    currencies.map((currency) => {
      const changes = days.flatMap(({ date, figures }) => (figures[currency] ? [{ date, figures: figures[currency] }] : []));
      return [currency, kpiSeries(new DailyTotals(changes, to), from, to)];
    }),
  );
}
