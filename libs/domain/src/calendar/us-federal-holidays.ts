import { addDays, dayNumber, type IsoDate } from './calendar';

/** A day on which a US federal legal public holiday falls, or is observed. */
export interface LegalPublicHoliday {
  date: IsoDate;
  name: string;
  /** True for the Friday or Monday a Saturday or Sunday holiday is observed on (5 U.S.C. 6103(b), E.O. 11582). */
  observed: boolean;
}

/** 0 is Sunday … 6 Saturday (1970-01-01 was a Thursday). */
export const weekdayOf = (date: IsoDate): number => (((dayNumber(date) + 4) % 7) + 7) % 7;

const iso = (year: number, month: number, day: number): IsoDate =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** The `nth` (1-based) `weekday` of a month, or its last one for nth = -1. */
function nthWeekday(year: number, month: number, weekday: number, nth: number): IsoDate {
  if (nth === -1) {
    const last = addDays(iso(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1), -1);
    return addDays(last, -((weekdayOf(last) - weekday + 7) % 7));
  }
  const first = iso(year, month, 1);
  return addDays(first, ((weekday - weekdayOf(first) + 7) % 7) + (nth - 1) * 7);
}

const [monday, thursday] = [1, 4];

/**
 * The legal public holidays of 5 U.S.C. 6103(a) in `year`, on their legal dates: New Year's Day,
 * the Birthday of Martin Luther King, Jr., Washington's Birthday, Memorial Day, Juneteenth National
 * Independence Day (added by Pub. L. 117-17 on 2021-06-17, so from 2021), Independence Day, Labor
 * Day, Columbus Day, Veterans Day, Thanksgiving Day and Christmas Day.
 */
function legalDates(year: number): { date: IsoDate; name: string; fixed: boolean }[] {
  const fixed = (month: number, day: number, name: string) => ({ date: iso(year, month, day), name, fixed: true });
  const floating = (date: IsoDate, name: string) => ({ date, name, fixed: false });
  return [
    fixed(1, 1, "New Year's Day"),
    floating(nthWeekday(year, 1, monday, 3), 'Birthday of Martin Luther King, Jr.'),
    floating(nthWeekday(year, 2, monday, 3), "Washington's Birthday"),
    floating(nthWeekday(year, 5, monday, -1), 'Memorial Day'),
    ...(year >= 2021 ? [fixed(6, 19, 'Juneteenth National Independence Day')] : []),
    fixed(7, 4, 'Independence Day'),
    floating(nthWeekday(year, 9, monday, 1), 'Labor Day'),
    floating(nthWeekday(year, 10, monday, 2), 'Columbus Day'),
    fixed(11, 11, 'Veterans Day'),
    floating(nthWeekday(year, 11, thursday, 4), 'Thanksgiving Day'),
    fixed(12, 25, 'Christmas Day'),
  ];
}

/**
 * A fixed-date holiday on a Sunday is observed the Monday after (5 U.S.C. 6103(b)(1)); on a Saturday,
 * the Friday before (6103(b) and Executive Order 11582). Holidays on a weekday are observed on the day.
 */
function observedDate(date: IsoDate): IsoDate | null {
  const weekday = weekdayOf(date);
  if (weekday === 0) return addDays(date, 1);
  if (weekday === 6) return addDays(date, -1);
  return null;
}

// Each year is worked out once (a pure memo): business days are counted day by day.
const byYear = new Map<number, LegalPublicHoliday[]>();

/**
 * Every day in `year` on which a legal public holiday falls or is observed, in date order. The
 * Friday on which a Saturday New Year's Day is observed belongs to the year before (2021-12-31).
 */
export function usFederalHolidaysIn(year: number): LegalPublicHoliday[] {
  let days = byYear.get(year);
  if (!days) {
    days = [year, year + 1]
      .flatMap((y) => legalDates(y))
      .flatMap(({ date, name, fixed }): LegalPublicHoliday[] => {
        const observed = fixed ? observedDate(date) : null;
        return [{ date, name, observed: false }, ...(observed ? [{ date: observed, name, observed: true }] : [])];
      })
      .filter(({ date }) => Number(date.slice(0, 4)) === year)
      .sort((a, b) => a.date.localeCompare(b.date));
    byYear.set(year, days);
  }
  return days;
}

/** True when a legal public holiday falls on `date`, or is observed on it. */
export const isUsFederalHoliday = (date: IsoDate): boolean => usFederalHolidaysIn(Number(date.slice(0, 4))).some((holiday) => holiday.date === date);
