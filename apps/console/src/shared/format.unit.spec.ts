import { businessDate, majorUnits, minorUnits } from './format';

describe('amounts as people type and read them', () => {
  it('reads a typed amount as exact minor units of its currency, with a dot or a comma', () => {
    expect(minorUnits('250', 'USD')).toBe(25_000);
    expect(minorUnits('250.5', 'USD')).toBe(25_050);
    expect(minorUnits('0,07', 'EUR')).toBe(7);
    // 0.1 + 0.2 would not be 0.3 in floating point: whole numbers of cents are.
    expect(minorUnits('1234567.89', 'USD')).toBe(123_456_789);
    expect(minorUnits('1500', 'JPY')).toBe(1500);
  });

  it('refuses what is not an amount of that currency', () => {
    for (const typed of ['', 'abc', '-5', '1.234', '1e3', '12.5.0']) expect(minorUnits(typed, 'USD')).toBeNull();
    expect(minorUnits('10.5', 'JPY')).toBeNull();
  });

  it('writes minor units back as the decimal an input holds', () => {
    expect(majorUnits(3334, 'USD')).toBe('33.34');
    expect(majorUnits(1500, 'JPY')).toBe('1500');
    expect(minorUnits(majorUnits(987_654, 'USD'), 'USD')).toBe(987_654);
  });

  it('shows a business date as that calendar day, wherever the reader is', () => {
    expect(businessDate('2026-12-31')).toContain('2026');
    expect(businessDate('2026-12-31')).toContain('31');
  });
});
