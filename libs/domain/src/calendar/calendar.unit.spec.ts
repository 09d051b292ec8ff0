import { addDays, dateIn, dateOfDayNumber, dayNumber, daysBetween, instantAt, isIsoDate, isIsoInstant, isTimeZone, wallClockIn } from './calendar';

describe('calendar', () => {
  it('accepts only real calendar dates written YYYY-MM-DD', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2026-04-31')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-2-01')).toBe(false);
    expect(isIsoDate('2026-01-01T00:00:00Z')).toBe(false);
  });

  it('accepts only real instants with an offset, which JavaScript would otherwise roll on', () => {
    for (const real of ['2026-01-31T14:30Z', '2026-01-31T14:30:00Z', '2026-01-31T23:59:59.123456789+05:30', '2028-02-29T00:00:00-12:00'])
      expect([real, isIsoInstant(real)]).toEqual([real, true]);
    for (const unreal of [
      '2025-02-30T10:00Z',
      '2026-01-31T24:00:00Z',
      '2026-01-31T12:60Z',
      '2026-01-31T12:00:60Z',
      '2026-01-31T12:00+24:00',
      '2026-01-31T12:00',
      '2026-01-31 12:00Z',
    ])
      expect([unreal, isIsoInstant(unreal)]).toEqual([unreal, false]);
  });

  it('adds days and counts them across month and year ends', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-01-31', '2026-03-02')).toBe(30);
  });

  it('numbers every day from 1600 to 2400 as the platform calendar does, and back', () => {
    const msPerDay = 86_400_000;
    const [first, last] = [Date.UTC(1600, 0, 1) / msPerDay, Date.UTC(2400, 11, 31) / msPerDay];
    for (let day = first; day <= last; day++) {
      const date = new Date(day * msPerDay).toISOString().slice(0, 10);
      if (dayNumber(date) !== day || dateOfDayNumber(day) !== date) throw new Error(`${date} is day ${day}, not ${dayNumber(date)} (${dateOfDayNumber(day)})`);
    }
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dateOfDayNumber(-1)).toBe('1969-12-31');
  });

  it('tells the date in the debtor’s zone, across a daylight-saving change', () => {
    expect(dateIn('2026-03-01T02:00:00Z', 'America/New_York')).toBe('2026-02-28');
    expect(dateIn('2026-03-01T02:00:00Z', 'Asia/Tokyo')).toBe('2026-03-01');
    // New York moves from UTC−5 to UTC−4 on 2026-03-08: local midnight is 05:00Z before, 04:00Z after.
    expect(dateIn('2026-03-08T04:59:00Z', 'America/New_York')).toBe('2026-03-07');
    expect(dateIn('2026-03-08T05:00:00Z', 'America/New_York')).toBe('2026-03-08');
    expect(dateIn('2026-03-09T03:59:00Z', 'America/New_York')).toBe('2026-03-08');
    expect(dateIn('2026-03-09T04:00:00Z', 'America/New_York')).toBe('2026-03-09');
  });

  it('knows real time zones only', () => {
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('Europe/Atlantis')).toBe(false);
  });
});

describe('wall clocks', () => {
  it('reads the wall clock in a zone, across a daylight-saving change', () => {
    expect(wallClockIn('2026-03-08T06:59:00Z', 'America/New_York')).toEqual({ date: '2026-03-08', minutes: 1 * 60 + 59 });
    expect(wallClockIn('2026-03-08T07:00:00Z', 'America/New_York')).toEqual({ date: '2026-03-08', minutes: 3 * 60 });
    expect(wallClockIn('2026-01-01T01:30:00Z', 'America/Los_Angeles')).toEqual({ date: '2025-12-31', minutes: 17 * 60 + 30 });
  });

  it('finds the instant a wall clock shows, on either side of a change', () => {
    expect(instantAt('2026-03-07', 8 * 60, 'America/New_York')).toBe('2026-03-07T13:00:00.000Z');
    expect(instantAt('2026-03-09', 8 * 60, 'America/New_York')).toBe('2026-03-09T12:00:00.000Z');
    expect(instantAt('2026-07-01', 0, 'Europe/Berlin')).toBe('2026-06-30T22:00:00.000Z');
  });

  it('reads a skipped time as that much later, and a repeated one as its first time', () => {
    // 02:30 does not exist in New York on 2026-03-08: the clock jumps from 02:00 to 03:00.
    expect(instantAt('2026-03-08', 2 * 60 + 30, 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
    // 01:30 happens twice on 2026-11-01: first in daylight time (UTC−4).
    expect(instantAt('2026-11-01', 60 + 30, 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
  });
});
