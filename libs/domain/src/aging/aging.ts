import { addDays, daysBetween, type IsoDate } from '../calendar/calendar';

/** The aging buckets of receivables, by days past due (DESIGN §6). */
export const agingBuckets = ['current', '1-30', '31-60', '61-90', '91-120', '120+'] as const;
export type AgingBucket = (typeof agingBuckets)[number];

/** Days an amount due on `dueOn` is past due on `today`: 0 up to and on the due date. */
export const daysPastDue = (dueOn: IsoDate, today: IsoDate): number => Math.max(0, daysBetween(dueOn, today));

export function agingBucket(days: number): AgingBucket {
  if (days <= 0) return 'current';
  if (days <= 30) return '1-30';
  if (days <= 60) return '31-60';
  if (days <= 90) return '61-90';
  if (days <= 120) return '91-120';
  return '120+';
}

/** The due dates whose amounts are in `bucket` on `today`, as an inclusive range; open ends are left out. */
export function dueDatesIn(bucket: AgingBucket, today: IsoDate): { from?: IsoDate; to?: IsoDate } {
  if (bucket === 'current') return { from: today };
  if (bucket === '120+') return { to: addDays(today, -121) };
  const [low, high] = bucket.split('-').map(Number) as [number, number];
  return { from: addDays(today, -high), to: addDays(today, -low) };
}
