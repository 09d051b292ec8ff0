/** Amounts and dates in the reader's locale; amounts come in minor units of their currency. */

const fractionDigits = (currency: string) => new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

/** An account's currency is fixed by its first invoice or payment: before either, its amounts (all zero) name none. */
export function money(minor: number, currency: string | null): string {
  if (currency === null) return new Intl.NumberFormat().format(minor);
  return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(minor / 10 ** fractionDigits(currency));
}

/** Minor units as a plain decimal an input holds and minorUnits reads back (12345 USD → "123.45"). */
export function majorUnits(minor: number, currency: string): string {
  const digits = fractionDigits(currency);
  return (minor / 10 ** digits).toFixed(digits);
}

/**
 * A decimal amount as typed ("50", "50.5", "50,50") in minor units of `currency`, exactly (no floating
 * point), or null when it is not one.
 */
export function minorUnits(typed: string, currency: string): number | null {
  const digits = fractionDigits(currency);
  const match = /^(\d+)(?:[.,](\d*))?$/.exec(typed.trim());
  if (!match) return null;
  const [, whole = '', fraction = ''] = match;
  if (fraction.length > digits) return null;
  return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}

/** An instant, in the reader's zone unless another is named. */
export function instant(iso: string, timeZone?: string): string {
  // dateStyle and timeStyle do not combine with timeZoneName: another zone's time is spelled out field by field.
  const style: Intl.DateTimeFormatOptions = timeZone
    ? { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' }
    : { dateStyle: 'medium', timeStyle: 'short' };
  return new Intl.DateTimeFormat(undefined, style).format(new Date(iso));
}

/** A business date (YYYY-MM-DD), which belongs to no zone: formatted as that calendar day. */
export function businessDate(date: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(value)} %`;
}

/** Today's date in the reader's zone, YYYY-MM-DD, shifted by `days`. */
export function localDate(days = 0): string {
  const at = new Date(Date.now() + days * 86_400_000);
  return `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
}

/** The reader's own zone, as the browser knows it. */
export const ownZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
