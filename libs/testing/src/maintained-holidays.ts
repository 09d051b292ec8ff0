import Holidays from 'date-holidays';

const us = new Holidays('US');

/**
 * The US public holidays in `year` as a maintained source lists them (the date-holidays package), to
 * check the domain's own rules against: the legal dates, or the substitute days on which it observes
 * a weekend holiday.
 */
export const maintainedUsHolidays = (year: number, kind: 'legal' | 'substitute'): string[] =>
  us
    .getHolidays(year)
    .filter((holiday) => holiday.type === 'public' && Boolean(holiday.substitute) === (kind === 'substitute'))
    .map((holiday) => holiday.date.slice(0, 10));
