/**
 * Money is an integer number of minor units (cents, pence…) plus an ISO 4217 currency code.
 * Floats never enter: every operation here is integer arithmetic.
 */
export interface Money {
  readonly amount: number;
  readonly currency: string;
}

const knownCurrencies = new Set(Intl.supportedValuesOf('currency'));

/** True for a three-letter ISO 4217 code this runtime knows. */
export function isCurrencyCode(code: string): boolean {
  return knownCurrencies.has(code);
}

/** True for a safe, strictly positive integer amount of minor units. */
export function isPositiveMinorUnits(amount: number): boolean {
  return Number.isSafeInteger(amount) && amount > 0;
}

/** A percentage `percentOf` takes as it is: four decimals at most, so none is rounded (99.99999 would be 100). */
export const isFourDecimalPercent = (percent: number): boolean => Number.isFinite(percent) && Number(percent.toFixed(4)) === percent;

/**
 * `percent` % of `amount`, rounded half to even (banker's rounding, the usual choice for fees and
 * discounts because it does not bias totals upwards). Percent may carry up to four decimals.
 */
export function percentOf(amount: number, percent: number): number {
  const millionths = BigInt(Math.round(percent * 10_000));
  const scaled = BigInt(amount) * millionths;
  const divisor = 1_000_000n;
  const quotient = scaled / divisor;
  const remainder = scaled % divisor;
  const twice = remainder * 2n;
  if (twice > divisor || (twice === divisor && quotient % 2n !== 0n)) return Number(quotient + 1n);
  return Number(quotient);
}

// Building a number format costs far more than the answer: each currency's is worked out once.
const digitsByCurrency = new Map<string, number>();

/** Minor-unit digits of a currency (2 for EUR, 0 for JPY), as ISO 4217 has them. */
export function minorDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}

/** "EUR 1,250.00": minor units written out for people, by string arithmetic (no float rounding). */
export function formatMoney(amount: number, currency: string): string {
  const digits = minorDigits(currency);
  const text = Math.abs(amount)
    .toString()
    .padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = digits ? `.${text.slice(text.length - digits)}` : '';
  return `${amount < 0 ? '-' : ''}${currency} ${whole}${fraction}`;
}
