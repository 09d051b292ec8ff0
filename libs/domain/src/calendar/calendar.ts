/**
 * Business dates are ISO calendar dates (`YYYY-MM-DD`) without a time zone; instants are ISO 8601
 * strings with an offset. Everything here is pure: "today" is always passed in, never read.
 */
export type IsoDate = string;

const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;
const msPerDay = 86_400_000;

/** True for a real calendar date written `YYYY-MM-DD` (rejects 2026-02-30). */
export function isIsoDate(value: string): boolean {
  if (!isoDatePattern.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}

/** The date `days` days after `date` (negative goes back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * msPerDay).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / msPerDay);
}

/** True for an IANA time zone name this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    dateFormatIn(zone);
    return true;
  } catch {
    return false;
  }
}

// Building a formatter costs far more than using one, so each zone's is built once (a pure memo).
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormatIn(timeZone: string): Intl.DateTimeFormat {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, format);
  }
  return format;
}

/** The calendar date at `instant` as seen in `timeZone`: the debtor's "today". */
export function dateIn(instant: string, timeZone: string): IsoDate {
  // The en-CA locale writes dates as YYYY-MM-DD (without padding years before 1000).
  const [year = '', month, day] = dateFormatIn(timeZone).format(new Date(instant)).split('-');
  return `${year.padStart(4, '0')}-${month}-${day}`;
}
