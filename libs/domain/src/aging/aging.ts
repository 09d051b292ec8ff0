import { addDays, daysBetween, type IsoDate } from '../calendar/calendar';

/** The aging buckets of receivables, by days past due (docs/kpis.md#aging). */
export const agingBuckets = ['current', '1-30', '31-60', '61-90', '91-120', '120+'] as const;
export type AgingBucket = (typeof agingBuckets)[number];

/** The first day past due of each bucket (`current` holds everything not yet past due). */
export const agingBucketStarts: readonly number[] = [0, 1, 31, 61, 91, 121];

/** Days an amount due on `dueOn` is past due on `today`: 0 up to and on the due date. */
export const daysPastDue = (dueOn: IsoDate, today: IsoDate): number => Math.max(0, daysBetween(dueOn, today));

/** The index in `agingBuckets` of an amount `days` past due. */
export function agingBucketIndex(days: number): number {
  let index = 0;
  while (index + 1 < agingBucketStarts.length && days >= (agingBucketStarts[index + 1] as number)) index++;
  return index;
}

export const agingBucket = (days: number): AgingBucket => agingBuckets[agingBucketIndex(days)] as AgingBucket;

/** The due dates whose amounts are in `bucket` on `today`, as an inclusive range; open ends are left out. */
export function dueDatesIn(bucket: AgingBucket, today: IsoDate): { from?: IsoDate; to?: IsoDate } {
  const index = agingBuckets.indexOf(bucket);
  const next = agingBucketStarts[index + 1];
  return {
    ...(next !== undefined && { from: addDays(today, 1 - next) }),
    ...(index > 0 && { to: addDays(today, -(agingBucketStarts[index] as number)) }),
  };
}
