import { dueDates, splitEvenly, sum } from './installments';

describe('the plan builder', () => {
  it('splits a balance into installments that add up to it exactly, the remainder a unit at a time on the first ones', () => {
    expect(splitEvenly(10_000, 3)).toEqual([3334, 3333, 3333]);
    expect(splitEvenly(5, 7)).toEqual([1, 1, 1, 1, 1, 0, 0]);
    for (const [total, count] of [
      [1, 1],
      [99_999, 12],
      [123_456_789, 120],
    ] as const)
      expect(sum(splitEvenly(total, count))).toBe(total);
  });

  it('dates monthly installments on the same day, or the month’s last day when it has none', () => {
    expect(dueDates('2027-01-31', 4, 'monthly')).toEqual(['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30']);
    expect(dueDates('2026-12-15', 2, 'monthly')).toEqual(['2026-12-15', '2027-01-15']);
  });

  it('dates weekly and fortnightly installments 7 and 14 days apart, across month ends', () => {
    expect(dueDates('2026-12-28', 3, 'weekly')).toEqual(['2026-12-28', '2027-01-04', '2027-01-11']);
    expect(dueDates('2026-12-28', 2, 'fortnightly')).toEqual(['2026-12-28', '2027-01-11']);
  });
});
