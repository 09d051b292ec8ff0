import { maintainedUsHolidays } from '@arrears/testing';
import { addBusinessDays, businessDayOnOrAfter, isBusinessDay } from './business-days';
import { isUsFederalHoliday, usFederalHolidaysIn } from './us-federal-holidays';

const years = Array.from({ length: 16 }, (_, i) => 2020 + i);
// A maintained source: date-holidays' US public holidays, with the substitute days it observes.
const theirs = (year: number, substitute: boolean) => maintainedUsHolidays(year, substitute ? 'substitute' : 'legal');
const ours = (year: number, observed: boolean) =>
  usFederalHolidaysIn(year)
    .filter((holiday) => holiday.observed === observed)
    .map((holiday) => holiday.date);

describe('US federal legal public holidays, 2020–2035 (5 U.S.C. 6103)', () => {
  it.each(years)('%i: the legal dates are those of the maintained list', (year) => {
    expect(ours(year, false)).toEqual(theirs(year, false));
  });

  it.each(years)('%i: every substitute day the maintained list observes is observed here', (year) => {
    expect(ours(year, true)).toEqual(expect.arrayContaining(theirs(year, true)));
  });

  it('observes Veterans Day on the Friday or Monday as well, which the maintained list omits (OPM observes it, 6103(b))', () => {
    const extra = years.flatMap((year) => ours(year, true).filter((day) => !theirs(year, true).includes(day)));
    expect(extra).toEqual(['2023-11-10', '2028-11-10', '2029-11-12', '2034-11-10', '2035-11-12']);
  });

  it('has Juneteenth from 2021 only, observed the Friday before on its first, Saturday, day', () => {
    expect(isUsFederalHoliday('2020-06-19')).toBe(false);
    expect(
      usFederalHolidaysIn(2021)
        .filter((h) => h.name.startsWith('Juneteenth'))
        .map((h) => h.date),
    ).toEqual(['2021-06-18', '2021-06-19']);
  });

  it('puts the Friday a Saturday New Year is observed on in the year before', () => {
    expect(usFederalHolidaysIn(2021).at(-1)).toEqual({ date: '2021-12-31', name: "New Year's Day", observed: true });
    expect(usFederalHolidaysIn(2022)[0]).toEqual({ date: '2022-01-01', name: "New Year's Day", observed: false });
  });
});

// 12 CFR 1006.2(c): a business day is any day but Saturdays, Sundays and legal public holidays (6103(a));
// the day a weekend holiday is observed on counts as none either, which moves dates later for the debtor.
describe('business days', () => {
  it('skip Thanksgiving: five business days from the Friday before it end on the Monday after', () => {
    expect(addBusinessDays('2026-11-20', 5)).toBe('2026-11-30');
    expect(isBusinessDay('2026-11-27')).toBe(true);
  });

  it('skip Christmas and New Year observed on the Fridays before, when both fall on a Saturday (2027)', () => {
    expect(addBusinessDays('2027-12-21', 5)).toBe('2027-12-29');
    expect(addBusinessDays('2027-12-27', 5)).toBe('2028-01-04');
  });

  it('skip the Monday on which a Sunday Christmas is observed (2022)', () => {
    expect(isBusinessDay('2022-12-26')).toBe(false);
    expect(businessDayOnOrAfter('2022-12-24')).toBe('2022-12-27');
  });

  it('skip Juneteenth on a weekend by its observed day: Monday 2022-06-20, Friday 2027-06-18', () => {
    expect(addBusinessDays('2022-06-17', 5)).toBe('2022-06-27');
    expect(addBusinessDays('2027-06-17', 1)).toBe('2027-06-21');
  });

  it('count from the day after: a business day itself is not counted, and is its own next business day', () => {
    expect(addBusinessDays('2026-02-10', 5)).toBe('2026-02-18'); // Washington's Birthday, Monday 02-16, skipped
    expect(businessDayOnOrAfter('2026-02-10')).toBe('2026-02-10');
    expect(addBusinessDays('2026-02-10', 0)).toBe('2026-02-10');
  });
});
