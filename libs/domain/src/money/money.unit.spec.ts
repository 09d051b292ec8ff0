import { formatMoney, isCurrencyCode, isPositiveMinorUnits, percentOf } from './money';

describe('money', () => {
  it('takes percentages in integer arithmetic, rounding half to even', () => {
    expect(percentOf(12500, 2)).toBe(250);
    expect(percentOf(12300, 1.5)).toBe(184); // 184.5 → 184
    expect(percentOf(12500, 1.5)).toBe(188); // 187.5 → 188
    expect(percentOf(999, 33.3333)).toBe(333); // 332.99966…
    expect(percentOf(Number.MAX_SAFE_INTEGER, 100)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('accepts only positive whole minor units and known currencies', () => {
    expect(isPositiveMinorUnits(1)).toBe(true);
    expect(isPositiveMinorUnits(0)).toBe(false);
    expect(isPositiveMinorUnits(1.5)).toBe(false);
    expect(isPositiveMinorUnits(2 ** 53)).toBe(false);
    expect(isCurrencyCode('EUR')).toBe(true);
    expect(isCurrencyCode('XYZ')).toBe(false);
  });
});

describe('formatMoney', () => {
  it.each([
    [125_000, 'EUR', 'EUR 1,250.00'],
    [5, 'USD', 'USD 0.05'],
    [-1_234_567, 'GBP', '-GBP 12,345.67'],
    [1500, 'JPY', 'JPY 1,500'],
    [1, 'KWD', 'KWD 0.001'],
  ])('writes %p %s as %s', (amount, currency, text) => {
    expect(formatMoney(amount, currency)).toBe(text);
  });
});
