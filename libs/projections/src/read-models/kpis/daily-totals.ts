import { agingBucketIndex, agingBucketStarts, agingBuckets, dayNumber, type AgingBucket, type IsoDate } from '@arrears/domain';
import { flowNames, type FigureChange, type Flows } from './kpi-figures';

/** A day as a number of days since 1970-01-01: series step through days by the thousand. */
export type Day = number;

const bucketCount = agingBuckets.length;
const flowCount = flowNames.length;
const flowIndex = new Map<string, number>(flowNames.map((name, k) => [name, k]));
const salesIndex = flowIndex.get('creditSales') as number;

/**
 * A scope's totals at the end of every day up to `to`, in one currency, from the changes that land
 * on each day (several may land on one: a day's own facts, and what later-recorded facts restated). One sweep from its first day: each day, the amounts whose due date crosses a bucket
 * boundary move on to the next bucket and the day's own changes land in theirs, so a day costs
 * its own changes plus a look-up per boundary, never a pass over every open due date. Days before
 * the first change have nothing; days are asked for by number, so no date is parsed per figure.
 */
export class DailyTotals {
  private readonly first: Day;
  private readonly last: Day;
  private readonly aging: Float64Array;
  private readonly receivables: Float64Array;
  private readonly delinquent: Float64Array;
  /** Accounts become past due as a day began (their oldest due date the day before), summed up to each day. */
  private readonly crossed: Float64Array;
  /** Every counter's total at the end of each day: a row of `flowNames.length` per day. */
  private readonly flowTotals: Float64Array;
  /** Credit sales up to each day from `salesFirst` on, those before the first day included (from `salesBefore`). */
  private readonly sales: Float64Array;
  private readonly salesFirst: Day;

  /**
   * `salesBefore`: when the first change is the sum of everything up to its day (a report's opening,
   * from month totals), the credit sales of each day before it, so the count-back can still walk
   * back through them.
   */
  constructor(days: { date: IsoDate; figures: FigureChange }[], to: IsoDate, salesBefore: Map<Day, number> = new Map()) {
    this.last = dayNumber(to);
    const changes = new Map<Day, FigureChange[]>();
    for (const { date, figures } of days) {
      const day = dayNumber(date);
      if (day > this.last) continue;
      const landing = changes.get(day);
      if (landing) landing.push(figures);
      else changes.set(day, [figures]);
    }
    this.first = [...changes.keys()].reduce((first, day) => Math.min(first, day), this.last);
    const length = this.last - this.first + 1;
    this.aging = new Float64Array(length * bucketCount);
    this.receivables = new Float64Array(length);
    this.delinquent = new Float64Array(length);
    this.crossed = new Float64Array(length);
    this.flowTotals = new Float64Array(length * flowCount);
    const outstanding = new Map<Day, number>();
    const accountsByOldestDue = new Map<Day, number>();
    const aging = new Float64Array(bucketCount);
    const age = (bucket: number, amount: number) => (aging[bucket] = (aging[bucket] as number) + amount);
    const flows = new Float64Array(flowCount);
    let delinquent = 0;
    let crossed = 0;
    for (let day = this.first; day <= this.last; day++) {
      for (let bucket = 1; bucket < bucketCount; bucket++) {
        const crossing = outstanding.get(day - (agingBucketStarts[bucket] as number)) ?? 0;
        age(bucket - 1, -crossing);
        age(bucket, crossing);
      }
      const crossing = accountsByOldestDue.get(day - 1) ?? 0;
      delinquent += crossing;
      crossed += crossing;
      for (const change of changes.get(day) ?? []) {
        const { dues, oldestDues, counters } = digestOf(change);
        for (let k = 0; k < dues.length; k += 2) {
          const due = dues[k] as Day;
          const amount = dues[k + 1] as number;
          add(outstanding, due, amount);
          age(agingBucketIndex(day - due), amount);
        }
        for (let k = 0; k < oldestDues.length; k += 2) {
          const due = oldestDues[k] as Day;
          const count = oldestDues[k + 1] as number;
          add(accountsByOldestDue, due, count);
          if (due < day) delinquent += count;
        }
        for (let k = 0; k < counters.length; k += 2) {
          const counter = counters[k] as number;
          flows[counter] = (flows[counter] as number) + (counters[k + 1] as number);
        }
      }
      const index = day - this.first;
      this.aging.set(aging, index * bucketCount);
      this.receivables[index] = aging.reduce((sum, amount) => sum + amount, 0);
      this.delinquent[index] = delinquent;
      this.crossed[index] = crossed;
      this.flowTotals.set(flows, index * flowCount);
    }
    const sales = Float64Array.from({ length }, (_, index) => this.flowTotals[index * flowCount + salesIndex] as number);
    const early = earlyTotals(salesBefore, this.first, sales[0] ?? 0);
    this.salesFirst = this.first - early.length;
    this.sales = new Float64Array(early.length + length);
    this.sales.set(early);
    this.sales.set(sales, early.length);
  }

  /** Receivables by aging bucket at the end of `day`. */
  agingOn(day: Day): Record<AgingBucket, number> {
    const buckets = {} as Record<AgingBucket, number>;
    agingBuckets.forEach((bucket, k) => (buckets[bucket] = this.bucketOn(day, k)));
    return buckets;
  }

  /** The balance in the `k`th bucket of `agingBuckets` at the end of `day`. */
  bucketOn(day: Day, k: number): number {
    const index = this.indexOf(day);
    return index < 0 ? 0 : (this.aging[index * bucketCount + k] as number);
  }

  receivablesOn(day: Day): number {
    const index = this.indexOf(day);
    return index < 0 ? 0 : (this.receivables[index] as number);
  }

  /** Accounts with something past due at the end of `day`. */
  delinquentAccountsOn(day: Day): number {
    const index = this.indexOf(day);
    return index < 0 ? 0 : (this.delinquent[index] as number);
  }

  /** Accounts past due as `day` began: those past due at the end of the day before, and those whose oldest due date it was. */
  delinquentAtStartOf(day: Day): number {
    return this.delinquentAccountsOn(day - 1) + this.crossedUntil(day) - this.crossedUntil(day - 1);
  }

  /**
   * Delinquencies open as some day from `from` through `to` began: those open as `from` began, those begun at a later
   * day's start (an oldest due date passing), and those a day's facts began before `to` (`delinquenciesBegun`). Every
   * cure of the period ends one of them, so a cure rate over them never passes 100 %.
   */
  delinquenciesDuring(from: Day, to: Day): number {
    return this.delinquentAtStartOf(from) + this.crossedUntil(to) - this.crossedUntil(from) + this.flowBetween(from - 1, to - 1, 'delinquenciesBegun');
  }

  private crossedUntil(day: Day): number {
    const index = this.indexOf(day);
    return index < 0 ? 0 : (this.crossed[index] as number);
  }

  /** A counter summed over every day up to and including `day`; before the first day, only credit sales are known. */
  flowUntil(day: Day, name: keyof Flows): number {
    if (name === 'creditSales') return this.salesUntil(day);
    const index = this.indexOf(day);
    return index < 0 ? 0 : (this.flowTotals[index * flowCount + (flowIndex.get(name) as number)] as number);
  }

  /** Credit sales up to and including `day`: the count-back asks for these a year back, 24 times a day. */
  salesUntil(day: Day): number {
    const index = (day < this.last ? day : this.last) - this.salesFirst;
    return index < 0 ? 0 : (this.sales[index] as number);
  }

  /** A counter's growth in the days after `from` up to and including `to`. */
  flowBetween(from: Day, to: Day, name: keyof Flows): number {
    return this.flowUntil(to, name) - this.flowUntil(from, name);
  }

  private indexOf(day: Day): number {
    return Math.min(day, this.last) - this.first;
  }
}

/**
 * The running totals of the days before `first`, from each day's amount and the total at the end of
 * `first` (which includes them all): index k is the day `first − length + k`; 0 before the earliest.
 */
function earlyTotals(amounts: Map<Day, number>, first: Day, atFirst: number): Float64Array {
  const earliest = [...amounts.keys()].reduce((min, day) => Math.min(min, day), first);
  const totals = new Float64Array(first - earliest);
  let total = atFirst;
  for (let day = first; day > earliest; day--) {
    total -= amounts.get(day) ?? 0;
    totals[day - 1 - earliest] = total;
  }
  return totals;
}

/** A change in numbers: due days and amounts side by side, and the counters it moved by index and amount. */
interface Digest {
  dues: number[];
  oldestDues: number[];
  counters: number[];
}

/**
 * Changes already put in numbers, by the change itself: a report's documents are kept between
 * reports (the API's KpiDocuments), so their changes come back report after report and each is
 * read once, not once a report. Keyed weakly: a document no longer kept takes its digest with it.
 * A change is never modified once written (the fold builds a new one), so a digest stays true.
 */
const digests = new WeakMap<FigureChange, Digest>();

function digestOf(change: FigureChange): Digest {
  let digest = digests.get(change);
  if (!digest) {
    const counters: number[] = [];
    // A change is sparse: only the counters it moved are in it.
    for (const [name, value] of Object.entries(change)) {
      const k = flowIndex.get(name);
      if (k !== undefined && typeof value === 'number') counters.push(k, value);
    }
    digest = { dues: byDueDay(change.outstanding), oldestDues: byDueDay(change.accountsByOldestDue), counters };
    digests.set(change, digest);
  }
  return digest;
}

/** Amounts by due date as due day and amount, side by side. */
function byDueDay(amounts: Record<IsoDate, number> | undefined): number[] {
  const pairs: number[] = [];
  for (const [dueOn, amount] of Object.entries(amounts ?? {})) pairs.push(dayNumber(dueOn), amount);
  return pairs;
}

function add(totals: Map<Day, number>, key: Day, amount: number): void {
  totals.set(key, (totals.get(key) ?? 0) + amount);
}
