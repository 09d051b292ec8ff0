import { addDays, type IsoDate } from './calendar';
import { isUsFederalHoliday, weekdayOf } from './us-federal-holidays';

/**
 * A business day as 12 CFR 1006.2(c) defines it: any day but a Saturday, a Sunday or a legal public
 * holiday of 5 U.S.C. 6103(a). The regulation names the holidays, not the days they are observed on;
 * we also count the Friday or Monday on which a weekend holiday is observed (6103(b)) as no business
 * day. That is the reading that favours the debtor: the post and federal offices are closed that day,
 * and a business day fewer only moves an assumed receipt, and so the validation period's end, later.
 */
export const isBusinessDay = (date: IsoDate): boolean => {
  const weekday = weekdayOf(date);
  return weekday !== 0 && weekday !== 6 && !isUsFederalHoliday(date);
};

/** The date `days` business days after `date` (`date` itself not counted). */
export function addBusinessDays(date: IsoDate, days: number): IsoDate {
  let day = date;
  for (let left = days; left > 0;) {
    day = addDays(day, 1);
    if (isBusinessDay(day)) left--;
  }
  return day;
}

/** `date` when it is a business day, else the first business day after it. */
export function businessDayOnOrAfter(date: IsoDate): IsoDate {
  let day = date;
  while (!isBusinessDay(day)) day = addDays(day, 1);
  return day;
}
