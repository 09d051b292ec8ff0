import { agingBucket, daysPastDue, dueDatesIn } from './aging';

describe('aging', () => {
  it('counts days past due from the day after the due date', () => {
    expect(daysPastDue('2026-03-10', '2026-03-10')).toBe(0);
    expect(daysPastDue('2026-03-10', '2026-03-11')).toBe(1);
    expect(daysPastDue('2026-03-10', '2026-03-01')).toBe(0);
  });
  it.each([
    [0, 'current'],
    [1, '1-30'],
    [30, '1-30'],
    [31, '31-60'],
    [60, '31-60'],
    [61, '61-90'],
    [90, '61-90'],
    [91, '91-120'],
    [120, '91-120'],
    [121, '120+'],
  ])('puts %p days past due in %s', (days, bucket) => {
    expect(agingBucket(days)).toBe(bucket);
  });
  it('turns a bucket into the due dates it holds on a day, agreeing with agingBucket at both ends', () => {
    expect(dueDatesIn('1-30', '2026-03-31')).toEqual({ from: '2026-03-01', to: '2026-03-30' });
    expect(dueDatesIn('current', '2026-03-31')).toEqual({ from: '2026-03-31' });
    expect(dueDatesIn('120+', '2026-05-01')).toEqual({ to: '2025-12-31' });
    expect(agingBucket(daysPastDue('2025-12-31', '2026-05-01'))).toBe('120+');
    expect(agingBucket(daysPastDue('2026-01-01', '2026-05-01'))).toBe('91-120');
  });
});
