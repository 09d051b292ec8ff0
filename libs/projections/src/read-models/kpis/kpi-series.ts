import { addDays, agingBucket, agingBuckets, daysBetween, type AgingBucket, type IsoDate } from '@arrears/domain';
import { addFigures, emptyFigures, type Figures } from './kpi-figures';
import type { KpiDayDocument } from './kpi.projection';

/** A scope's closing figures on a day (in one currency). */
export interface Snapshot {
  date: IsoDate;
  figures: Figures;
}

/** A "month" of the count-back and trailing ratios: 30 days back from the day. */
const MONTH = 30;
/** The count-back walks back at most this many months. */
const COUNT_BACK_MONTHS = 12;

const ratio = (numerator: number, denominator: number, scale = 1): number | null =>
  denominator > 0 ? Math.round((numerator / denominator) * scale * 100) / 100 : null;

/**
 * The figures as they stood at the end of any day, from snapshots sorted by date: the latest
 * snapshot on or before the day (days without events carry the last one forward).
 */
export class FiguresTimeline {
  // A series asks for the same days again and again (a day, and a month before it): worked out once.
  private readonly agingByDay = new Map<IsoDate, Record<AgingBucket, number>>();
  private readonly dayNumbers = new Map<IsoDate, number>();

  constructor(private readonly snapshots: Snapshot[]) {}

  at(day: IsoDate): Figures {
    let low = 0;
    let high = this.snapshots.length - 1;
    let found: Snapshot | undefined;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const snapshot = this.snapshots[middle] as Snapshot;
      if (snapshot.date <= day) {
        found = snapshot;
        low = middle + 1;
      } else high = middle - 1;
    }
    return found?.figures ?? emptyFigures();
  }

  receivables(day: IsoDate): number {
    return agingBuckets.reduce((sum, bucket) => sum + this.aging(day)[bucket], 0);
  }

  aging(day: IsoDate): Record<AgingBucket, number> {
    let buckets = this.agingByDay.get(day);
    if (!buckets) {
      buckets = Object.fromEntries(agingBuckets.map((bucket) => [bucket, 0])) as Record<AgingBucket, number>;
      const today = this.dayNumber(day);
      for (const [dueOn, amount] of Object.entries(this.at(day).outstanding)) buckets[agingBucket(today - this.dayNumber(dueOn))] += amount;
      this.agingByDay.set(day, buckets);
    }
    return buckets;
  }

  private dayNumber(date: IsoDate): number {
    let number = this.dayNumbers.get(date);
    if (number === undefined) {
      number = daysBetween('1970-01-01', date);
      this.dayNumbers.set(date, number);
    }
    return number;
  }

  /** Credit sales in the days after `from` up to and including `to`. */
  creditSales(from: IsoDate, to: IsoDate): number {
    return this.at(to).creditSales - this.at(from).creditSales;
  }

  /** Accounts with something past due at the end of `day`. */
  delinquentAccounts(day: IsoDate): number {
    return Object.entries(this.at(day).accountsByOldestDue).reduce((sum, [dueOn, count]) => (dueOn < day ? sum + count : sum), 0);
  }
}

/**
 * DSO by the count-back method: from the day, walk back month by month, taking each month's credit
 * sales off the receivables and adding its days, until what remains is less than a month's sales;
 * then add that fraction of the month. Null when 12 months of sales do not account for it.
 */
export function countBackDso(timeline: FiguresTimeline, day: IsoDate): number | null {
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
export function kpisOn(timeline: FiguresTimeline, day: IsoDate) {
  const yesterday = addDays(day, -1);
  const monthAgo = addDays(day, -MONTH);
  const receivables = timeline.receivables(day);
  const aging = timeline.aging(day);
  const salesThisMonth = timeline.creditSales(monthAgo, day);
  const simpleDso = ratio(receivables * MONTH, salesThisMonth);
  const bestPossibleDso = ratio(aging.current * MONTH, salesThisMonth);
  const today = timeline.at(day);
  const previous = timeline.at(yesterday);
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
export function kpiSeries(snapshots: Snapshot[], from: IsoDate, to: IsoDate) {
  const timeline = new FiguresTimeline(snapshots);
  const series = [];
  for (let day = from; day <= to; day = addDays(day, 1)) series.push(kpisOn(timeline, day));
  const before = addDays(from, -1);
  const [start, end] = [timeline.at(before), timeline.at(to)];
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

/**
 * The report for a scope: one series per currency, from all its day documents up to `to` (any
 * order), summed day by day into the totals at the end of each.
 */
export function kpiReport(days: Pick<KpiDayDocument, 'date' | 'figures'>[], from: IsoDate, to: IsoDate) {
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
  const currencies = [...new Set(sorted.flatMap((day) => Object.keys(day.figures)))].sort();
  return Object.fromEntries(
    currencies.map((currency) => {
      let total = emptyFigures();
      const snapshots: Snapshot[] = [];
      for (const { date, figures } of sorted) {
        const day = figures[currency];
        if (!day) continue;
        total = addFigures(total, day);
        snapshots.push({ date, figures: total });
      }
      return [currency, kpiSeries(snapshots, from, to)];
    }),
  );
}
