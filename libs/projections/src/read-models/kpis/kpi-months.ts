import { entryOf, type IsoDate } from '@arrears/domain';
import type { Evolved, ProjectedDocument } from '../../projection';
import { addChange, adjust, type FigureChange } from './kpi-figures';

/**
 * What the facts of one calendar month changed in a scope, per currency: the month's running total.
 * A scope's figures at the end of a month are the sum of its months' totals up to it (and of what
 * earlier months restated onto it), so a report reads these up to its window and day documents only
 * within it. A late fact changes only the month of its own business day: restating is one write.
 */
export interface KpiMonthDocument extends ProjectedDocument {
  kind: 'month';
  scope: string;
  /** The month's first day: month and day documents share one index. */
  date: IsoDate;
  currencies: Record<string, MonthTotals>;
}

export interface MonthTotals {
  /** Every change the month's facts made on the month's days (their own, and what they restated there). */
  figures: FigureChange;
  /** What the month's facts restated on days after it, by day: rare, kept apart so that it lands there. */
  later?: Record<IsoDate, FigureChange>;
  /** Credit sales by business day: the count-back DSO walks back a year of these, day by day. */
  creditSales?: Record<IsoDate, number>;
}

/** The first day of a business day's month. */
export const monthOf = (day: IsoDate): IsoDate => `${day.slice(0, 7)}-01`;

export const monthId = (scope: string, day: IsoDate) => `month:${scope}:${monthOf(day).slice(0, 7)}`;

export const isKpiMonth = (document: ProjectedDocument | null | undefined): document is KpiMonthDocument => document?.kind === 'month';

/** What one event changed on its business day `day`, in a currency: its own figures, and what it restated by day (`day` on). */
export interface DayChange {
  currency: string;
  figures: FigureChange;
  restated: Record<IsoDate, FigureChange>;
}

/** The month document of `day` with the event's change added. */
export function monthWith(document: KpiMonthDocument | null, scope: string, day: IsoDate, change: DayChange | undefined): Evolved<KpiMonthDocument> {
  const currencies = { ...document?.currencies };
  if (change) currencies[change.currency] = totalsWith(entryOf(currencies, change.currency), day, change);
  return { id: monthId(scope, day), kind: 'month', scope, date: monthOf(day), currencies };
}

function totalsWith(totals: MonthTotals | undefined, day: IsoDate, change: DayChange): MonthTotals {
  const month = day.slice(0, 7);
  // The event's own change is small and the month's totals are not: the month is copied once.
  let inMonth = change.figures;
  let later = totals?.later;
  for (const [landing, moved] of Object.entries(change.restated)) {
    if (landing.slice(0, 7) <= month) inMonth = addChange(inMonth, moved);
    else later = { ...later, [landing]: addChange(entryOf(later ?? {}, landing) ?? {}, moved) };
  }
  const figures = addChange(totals?.figures ?? {}, inMonth);
  let creditSales = totals?.creditSales;
  if (change.figures.creditSales) {
    creditSales = { ...creditSales };
    adjust(creditSales, day, change.figures.creditSales);
  }
  return { figures, ...(later && { later }), ...(creditSales && { creditSales }) };
}
