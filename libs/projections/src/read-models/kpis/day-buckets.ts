import { entryOf, withEntry, type IsoDate } from '@arrears/domain';

/**
 * Values by business day, nested by year (`y2026`) and by month (`2026-03`). A fold that records one day
 * copies that day's month (at most 31 days), its year (at most 12 months) and the index of years, never
 * every day before it, and finds the days from one on, or the last before it, without reading earlier
 * months. Plain JSON, like every stored document; read in order by sorting keys (a store need not keep
 * them). A year is not keyed by its number alone: V8 keeps integer keys as array elements, and copying
 * an object of a few such keys costs as much as one of a hundred named ones.
 */
export type DayBuckets<T> = Readonly<Record<string, Readonly<Record<string, Readonly<Record<IsoDate, T>>>>>>;

/** How deep a month sits: under its year, under the index of years. */
export const monthLevels = 2;

const yearOf = (day: IsoDate) => `y${day.slice(0, 4)}`;
const monthOf = (day: IsoDate) => day.slice(0, 7);

export const noDays = <T>(): DayBuckets<T> => ({});

/** What is kept for `day`, if anything. */
export function dayEntry<T>(buckets: DayBuckets<T>, day: IsoDate): T | undefined {
  const months = entryOf(buckets, yearOf(day));
  const days = months && entryOf(months, monthOf(day));
  return days && entryOf(days, day);
}

/** `buckets` with `value` kept for `day`, sharing every other month. */
export function withDayEntry<T>(buckets: DayBuckets<T>, day: IsoDate, value: T): DayBuckets<T> {
  const months = entryOf(buckets, yearOf(day)) ?? {};
  const days = entryOf(months, monthOf(day)) ?? {};
  return withEntry(buckets, yearOf(day), withEntry(months, monthOf(day), withEntry(days, day, value)));
}

/** The days kept from `day` on (itself included), earliest first. */
export function daysFrom<T>(buckets: DayBuckets<T>, day: IsoDate): IsoDate[] {
  const found: IsoDate[] = [];
  for (const year of keysWhere(buckets, (year) => year >= yearOf(day))) {
    const months = buckets[year] as DayBuckets<T>[string];
    for (const month of keysWhere(months, (month) => month >= monthOf(day))) {
      found.push(...keysWhere(months[month] as Readonly<Record<IsoDate, T>>, (kept) => kept >= day));
    }
  }
  return found;
}

/** The latest day kept before `day`, if any. */
export function lastDayBefore<T>(buckets: DayBuckets<T>, day: IsoDate): IsoDate | undefined {
  for (const year of keysWhere(buckets, (year) => year <= yearOf(day)).reverse()) {
    const months = buckets[year] as DayBuckets<T>[string];
    for (const month of keysWhere(months, (month) => month <= monthOf(day)).reverse()) {
      const earlier = keysWhere(months[month] as Readonly<Record<IsoDate, T>>, (kept) => kept < day);
      if (earlier.length) return earlier[earlier.length - 1];
    }
  }
  return undefined;
}

/** A level's keys that pass `keep`, in order (ISO dates and their prefixes sort as strings). */
const keysWhere = (level: object, keep: (key: string) => boolean): string[] => Object.keys(level).filter(keep).sort();
