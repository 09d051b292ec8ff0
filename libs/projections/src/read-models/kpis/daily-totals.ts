import { agingBucketIndex, agingBucketStarts, agingBuckets, daysBetween, type AgingBucket, type IsoDate } from '@arrears/domain';
import { addFlows, noFlows, type Figures, type Flows } from './kpi-figures';

interface DayTotals {
  /** Receivables by aging bucket, in the order of `agingBuckets`. */
  aging: readonly number[];
  delinquentAccounts: number;
  flows: Flows;
}

const beforeAnything: DayTotals = { aging: agingBuckets.map(() => 0), delinquentAccounts: 0, flows: noFlows };

/**
 * A scope's totals at the end of every day up to `to`, in one currency, from what each day
 * changed. One sweep from its first day: each day, the amounts whose due date crosses a bucket
 * boundary move on to the next bucket and the day's own changes land in theirs, so a day costs
 * its own changes plus a look-up per boundary, never a pass over every open due date.
 */
export class DailyTotals {
  private readonly dayNumbers = new Map<IsoDate, number>();
  private readonly totals: DayTotals[] = [];
  private readonly first: number;

  constructor(days: { date: IsoDate; figures: Figures }[], to: IsoDate) {
    const changes = new Map(days.map(({ date, figures }) => [this.dayNumber(date), figures]));
    const last = this.dayNumber(to);
    this.first = [...changes.keys()].reduce((first, day) => Math.min(first, day), last);
    const outstanding = new Map<number, number>();
    const accountsByOldestDue = new Map<number, number>();
    const aging = agingBuckets.map(() => 0);
    const age = (bucket: number, amount: number) => (aging[bucket] = (aging[bucket] as number) + amount);
    let delinquentAccounts = 0;
    let flows = noFlows;
    for (let day = this.first; day <= last; day++) {
      for (let bucket = 1; bucket < aging.length; bucket++) {
        const crossing = outstanding.get(day - (agingBucketStarts[bucket] as number)) ?? 0;
        age(bucket - 1, -crossing);
        age(bucket, crossing);
      }
      delinquentAccounts += accountsByOldestDue.get(day - 1) ?? 0;
      const change = changes.get(day);
      if (change) {
        for (const [dueOn, amount] of Object.entries(change.outstanding)) {
          const due = this.dayNumber(dueOn);
          add(outstanding, due, amount);
          age(agingBucketIndex(day - due), amount);
        }
        for (const [dueOn, count] of Object.entries(change.accountsByOldestDue)) {
          const due = this.dayNumber(dueOn);
          add(accountsByOldestDue, due, count);
          if (due < day) delinquentAccounts += count;
        }
        flows = addFlows(flows, change);
      }
      this.totals.push({ aging: [...aging], delinquentAccounts, flows });
    }
  }

  aging(day: IsoDate): Record<AgingBucket, number> {
    const { aging } = this.at(day);
    return Object.fromEntries(agingBuckets.map((bucket, i) => [bucket, aging[i]])) as Record<AgingBucket, number>;
  }

  receivables(day: IsoDate): number {
    return this.at(day).aging.reduce((sum, amount) => sum + amount, 0);
  }

  /** Accounts with something past due at the end of `day`. */
  delinquentAccounts(day: IsoDate): number {
    return this.at(day).delinquentAccounts;
  }

  /** The counters summed over every day up to and including `day`. */
  flows(day: IsoDate): Flows {
    return this.at(day).flows;
  }

  /** Credit sales in the days after `from` up to and including `to`. */
  creditSales(from: IsoDate, to: IsoDate): number {
    return this.flows(to).creditSales - this.flows(from).creditSales;
  }

  private at(day: IsoDate): DayTotals {
    const index = this.dayNumber(day) - this.first;
    if (index < 0) return beforeAnything;
    return this.totals[Math.min(index, this.totals.length - 1)] ?? beforeAnything;
  }

  private dayNumber(date: IsoDate): number {
    let number = this.dayNumbers.get(date);
    if (number === undefined) {
      number = daysBetween('1970-01-01', date);
      this.dayNumbers.set(date, number);
    }
    return number;
  }
}

function add(totals: Map<number, number>, key: number, amount: number): void {
  totals.set(key, (totals.get(key) ?? 0) + amount);
}
