/**
 * Business dates are ISO calendar dates (`YYYY-MM-DD`) without a time zone; instants are ISO 8601
 * strings with an offset. Everything here is pure: "today" is always passed in, never read.
 */
export type IsoDate = string;

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD` (rejects 2026-02-30). */
export function isIsoDate(value: string): boolean {
  const match = isoDatePattern.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

const isoInstantPattern = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * True for an instant written `YYYY-MM-DDThh:mm[:ss[.fff]]` with `Z` or an offset, every part real: JavaScript's
 * parser rolls 2026-02-30 on to 2 March, and `24:00` to the next day, where a person meant neither.
 */
export function isIsoInstant(value: string): boolean {
  const match = isoInstantPattern.exec(value);
  if (!match) return false;
  const [, date = '', hour = '', minute = '', second = '0', offsetHours = '0', offsetMinutes = '0'] = match;
  return isIsoDate(date) && Number(hour) <= 23 && Number(minute) <= 59 && Number(second) <= 59 && Number(offsetHours) <= 23 && Number(offsetMinutes) <= 59;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The date `days` days after `date` (negative goes back). */
export const addDays = (date: IsoDate, days: number): IsoDate => dateOfDayNumber(dayNumber(date) + days);

/** Whole days from `from` to `to` (positive when `to` is later). */
export const daysBetween = (from: IsoDate, to: IsoDate): number => dayNumber(to) - dayNumber(from);

/*
 * Dates to day numbers and back by the proleptic Gregorian arithmetic of H. Hinnant's
 * "days_from_civil": no Date objects, since series over years of days call these by the thousand.
 * Years are counted from March so that the leap day ends one.
 */
const daysPer400Years = 146_097;
const daysFrom0000To1970 = 719_468;

/** Days since 1970-01-01 (negative before it). */
export function dayNumber(date: IsoDate): number {
  const month = Number(date.slice(5, 7));
  const year = Number(date.slice(0, 4)) - (month <= 2 ? 1 : 0);
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + Number(date.slice(8, 10)) - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * daysPer400Years + dayOfEra - daysFrom0000To1970;
}

/** The date `days` days after 1970-01-01. */
export function dateOfDayNumber(days: number): IsoDate {
  const shifted = days + daysFrom0000To1970;
  const era = Math.floor(shifted / daysPer400Years);
  const dayOfEra = shifted - era * daysPer400Years;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const marchMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * marchMonth + 2) / 5) + 1;
  const month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${twoDigits(month)}-${twoDigits(day)}`;
}

const twoDigits = (value: number) => (value < 10 ? `0${value}` : String(value));

/** True for an IANA time zone name this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    formatIn(zone);
    return true;
  } catch {
    return false;
  }
}

// Building a formatter costs far more than using one, so each zone's is built once (a pure memo).
const clockFields = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' } as const;
const formats = new Map<string, Intl.DateTimeFormat>();
function formatIn(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, ...clockFields });
    formats.set(timeZone, format);
  }
  return format;
}

/** The calendar date at `instant` as seen in `timeZone`: the debtor's "today". */
export function dateIn(instant: string, timeZone: string): IsoDate {
  return wallClockIn(instant, timeZone).date;
}

const msPerDay = 86_400_000;
const msPerHour = 3_600_000;
export interface WallClock {
  readonly date: IsoDate;
  readonly minutes: number;
}

// The last wall clocks read: a worklist page asks the same instant in the same zone for every line.
const recentWallClocks = new Map<string, WallClock>();
const wallClocksKept = 1_000;

/** What a clock on the wall in `timeZone` shows at `instant`: the date and minutes since midnight. */
export function wallClockIn(instant: string | number, timeZone: string): WallClock {
  const key = `${timeZone}|${instant}`;
  let shown = recentWallClocks.get(key);
  if (!shown) {
    shown = Object.freeze(readWallClock(instant, timeZone));
    if (recentWallClocks.size >= wallClocksKept) recentWallClocks.clear();
    recentWallClocks.set(key, shown);
  }
  return shown;
}

function readWallClock(instant: string | number, timeZone: string): WallClock {
  const ms = new Date(instant).getTime();
  if (Number.isNaN(ms)) throw new RangeError(`Invalid time value: ${instant}`);
  // The offset is whole seconds, so the wall clock is the UTC calendar of the shifted instant.
  const wall = ms + offsetAt(ms, timeZone);
  const day = Math.floor(wall / msPerDay);
  return { date: dateOfDayNumber(day), minutes: Math.floor((wall - day * msPerDay) / 60_000) };
}

// A zone's offset per UTC hour, or null for an hour in which it changes: a pure memo, since asking
// Intl costs microseconds and the worklist asks for every line. Cleared rather than grown past a bound.
const hourlyOffsets = new Map<string, number | null>();
const offsetsKept = 10_000;

/** How far `timeZone`'s wall clock is ahead of UTC at `ms`, in ms. */
function offsetAt(ms: number, timeZone: string): number {
  const hour = Math.floor(ms / msPerHour);
  const key = `${timeZone}|${hour}`;
  let offset = hourlyOffsets.get(key);
  if (offset === undefined) {
    const start = exactOffsetAt(hour * msPerHour, timeZone);
    offset = start === exactOffsetAt((hour + 1) * msPerHour - 1, timeZone) ? start : null;
    if (hourlyOffsets.size >= offsetsKept) hourlyOffsets.clear();
    hourlyOffsets.set(key, offset);
  }
  return offset ?? exactOffsetAt(ms, timeZone);
}

/** The offset as Intl reads the zone's rules, to the second. */
function exactOffsetAt(ms: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const part of formatIn(timeZone).formatToParts(new Date(ms))) p[part.type] = Number(part.value);
  return Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0) - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * The first instant at which the wall clock in `timeZone` shows `date` at `minutes` past midnight.
 * A time that a daylight-saving change skips is read as that much later (as Temporal's
 * "compatible" disambiguation does): 02:30 on a spring-forward night is 03:30.
 */
export function instantAt(date: IsoDate, minutes: number, timeZone: string): string {
  const wall = dayNumber(date) * msPerDay + minutes * 60_000;
  // The offset just before and just after the wall time: equal except across a change.
  const candidates = [wall - offsetAt(wall - msPerDay, timeZone), wall - offsetAt(wall + msPerDay, timeZone)].sort((a, b) => a - b);
  const reached = (ms: number) => {
    const shown = wallClockIn(ms, timeZone);
    return dayNumber(shown.date) * 1440 + shown.minutes >= dayNumber(date) * 1440 + minutes;
  };
  return new Date(candidates.find(reached) ?? (candidates[1] as number)).toISOString();
}
