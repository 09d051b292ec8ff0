import { agingBucketIndex, agingBucketStarts, agingBuckets, dayNumber, type AgingBucket, type IsoDate } from '@arrears/domain';
import { counted, flowNames, noFlows, type FigureChange, type Flows } from './kpi-figures';

/** A day as a number of days since 1970-01-01: series step through days by the thousand. */
export type Day = number;

const bucketCount = agingBuckets.length;

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
  private readonly delinquent: Float64Array;
  private readonly flowTotals: Record<keyof Flows, Float64Array>;

  constructor(days: { date: IsoDate; figures: FigureChange }[], to: IsoDate) {
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
    this.delinquent = new Float64Array(length);
    this.flowTotals = Object.fromEntries(flowNames.map((name) => [name, new Float64Array(length)])) as Record<keyof Flows, Float64Array>;
    const outstanding = new Map<Day, number>();
    const accountsByOldestDue = new Map<Day, number>();
    const aging = new Float64Array(bucketCount);
    const age = (bucket: number, amount: number) => (aging[bucket] = (aging[bucket] as number) + amount);
    const flows = { ...noFlows };
    let delinquent = 0;
    for (let day = this.first; day <= this.last; day++) {
      for (let bucket = 1; bucket < bucketCount; bucket++) {
        const crossing = outstanding.get(day - (agingBucketStarts[bucket] as number)) ?? 0;
        age(bucket - 1, -crossing);
        age(bucket, crossing);
      }
      delinquent += accountsByOldestDue.get(day - 1) ?? 0;
      for (const change of changes.get(day) ?? []) {
        for (const [dueOn, amount] of Object.entries(change.outstanding ?? {})) {
          const due = dayNumber(dueOn);
          add(outstanding, due, amount);
          age(agingBucketIndex(day - due), amount);
        }
        for (const [dueOn, count] of Object.entries(change.accountsByOldestDue ?? {})) {
          const due = dayNumber(dueOn);
          add(accountsByOldestDue, due, count);
          if (due < day) delinquent += count;
        }
        for (const name of flowNames) flows[name] += counted(change, name);
      }
      const index = day - this.first;
      this.aging.set(aging, index * bucketCount);
      this.delinquent[index] = delinquent;
      for (const name of flowNames) this.flowTotals[name][index] = flows[name];
    }
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
    let sum = 0;
    for (let k = 0; k < bucketCount; k++) sum += this.bucketOn(day, k);
    return sum;
  }

  /** Accounts with something past due at the end of `day`. */
  delinquentAccountsOn(day: Day): number {
    const index = this.indexOf(day);
    return index < 0 ? 0 : (this.delinquent[index] as number);
  }

  /** A counter summed over every day up to and including `day`. */
  flowUntil(day: Day, name: keyof Flows): number {
    const index = this.indexOf(day);
    return index < 0 ? 0 : (this.flowTotals[name][index] as number);
  }

  /** A counter's growth in the days after `from` up to and including `to`. */
  flowBetween(from: Day, to: Day, name: keyof Flows): number {
    return this.flowUntil(to, name) - this.flowUntil(from, name);
  }

  private indexOf(day: Day): number {
    return Math.min(day, this.last) - this.first;
  }
}

function add(totals: Map<Day, number>, key: Day, amount: number): void {
  totals.set(key, (totals.get(key) ?? 0) + amount);
}
