import { addDays, agingBuckets, type AgingBucket, type IsoDate } from '@arrears/domain';
import { DailyTotals } from './daily-totals';
import type { KpiDayDocument } from './kpi.projection';

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
export function countBackDso(timeline: DailyTotals, day: IsoDate): number | null {
  let remaining = timeline.receivables(day);
  for (let month = 0; month < COUNT_BACK_MONTHS; month++) {
    const end = addDays(day, -MONTH * month);
    const sales = timeline.creditSales(addDays(end, -MONTH), end);
    if (remaining <= sales) return MONTH * month + (ratio(remaining * MONTH, sales) ?? 0);
    remaining -= sales;
  }
  return null;
}

/** All KPIs of one day (formulas in the README and DESIGN §6; rates in %). */
export function kpisOn(timeline: DailyTotals, day: IsoDate) {
  const yesterday = addDays(day, -1);
  const monthAgo = addDays(day, -MONTH);
  const receivables = timeline.receivables(day);
  const aging = timeline.aging(day);
  const salesThisMonth = timeline.creditSales(monthAgo, day);
  const simpleDso = ratio(receivables * MONTH, salesThisMonth);
  const bestPossibleDso = ratio(aging.current * MONTH, salesThisMonth);
  const today = timeline.flows(day);
  const previous = timeline.flows(yesterday);
  const creditSales = today.creditSales - previous.creditSales;
  return {
    date: day,
    receivables,
    aging,
    creditSales,
    collected: today.collected - previous.collected,
    dso: { countBack: countBackDso(timeline, day), simple: simpleDso },
    bestPossibleDso,
    averageDaysDelinquent: simpleDso !== null && bestPossibleDso !== null ? Math.round((simpleDso - bestPossibleDso) * 100) / 100 : null,
    cei: cei(timeline.receivables(yesterday), creditSales, receivables, aging.current),
    rollRates: rollRates(timeline.aging(monthAgo), aging),
    delinquentAccounts: timeline.delinquentAccounts(day),
    cureRate: ratio(today.cures - previous.cures, timeline.delinquentAccounts(yesterday), 100),
    planCompletionRate: ratio(today.plansCompleted, today.plansAgreed, 100),
  };
}

/**
 * Collection Effectiveness Index, in %: (opening receivables + credit sales − closing total)
 * ÷ (opening receivables + credit sales − closing current) × 100.
 */
export function cei(opening: number, creditSales: number, closingTotal: number, closingCurrent: number): number | null {
  return ratio(opening + creditSales - closingTotal, opening + creditSales - closingCurrent, 100);
}

/** Roll rate k→k+1, in %: the balance in bucket k+1 now ÷ the balance in bucket k a month before. */
export function rollRates(monthBefore: Record<AgingBucket, number>, now: Record<AgingBucket, number>): Record<string, number | null> {
  return Object.fromEntries(
    agingBuckets.slice(0, -1).map((bucket, i) => {
      const next = agingBuckets[i + 1] as AgingBucket;
      return [`${bucket}→${next}`, ratio(now[next], monthBefore[bucket], 100)];
    }),
  );
}

/** The daily series from `from` to `to` (inclusive), with the period's own CEI, collections and cures. */
export function kpiSeries(timeline: DailyTotals, from: IsoDate, to: IsoDate) {
  const series = [];
  for (let day = from; day <= to; day = addDays(day, 1)) series.push(kpisOn(timeline, day));
  const before = addDays(from, -1);
  const [start, end] = [timeline.flows(before), timeline.flows(to)];
  const creditSales = end.creditSales - start.creditSales;
  return {
    series,
    period: {
      creditSales,
      collected: end.collected - start.collected,
      cei: cei(timeline.receivables(before), creditSales, timeline.receivables(to), timeline.aging(to).current),
      cures: end.cures - start.cures,
      cureRate: ratio(end.cures - start.cures, timeline.delinquentAccounts(before), 100),
    },
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
