import { businessDayOf, instantAt, type IsoDate } from '@arrears/domain';
import type { ReportingZones } from '@arrears/platform';
import type { RecordedAccountEvent } from '@arrears/projections';

/** What an audit asks of an account's stream: what had been recorded by an instant, as at a business date, or both. */
export interface ReplayCut {
  asOf?: string;
  asAt?: IsoDate;
}

/** The events recorded by `asOf` (all of them without it): what was known then, in stream order. */
export function recordedBy<Event extends Pick<RecordedAccountEvent, 'metadata'>>(events: Event[], asOf: string | undefined): Event[] {
  if (asOf === undefined) return events;
  const instant = Date.parse(asOf);
  return events.filter((event) => Date.parse(event.metadata.recordedAt) <= instant);
}

/**
 * The events that had happened for the business by the end of `asAt` (by their business day in the
 * creditor's reporting zone), in stream order. The opening, which names the creditor and the debtor,
 * comes first whenever any of the account's facts is kept: a ledger brought in today holds invoices
 * issued long before the account was opened here, and as at their dates the debt existed.
 */
export function happenedBy(events: RecordedAccountEvent[], asAt: IsoDate, zones: ReportingZones): RecordedAccountEvent[] {
  const kept = events.filter((event) => businessDayOf(event, event.metadata, zones(event.metadata.creditorId)) <= asAt);
  const opening = events.find((event) => event.type === 'AccountOpened');
  return opening && kept.length > 0 && !kept.includes(opening) ? [opening, ...kept] : kept;
}

const lastMinute = 23 * 60 + 59;

/**
 * The last instant of `date` in `timeZone`, so that the debtor's days past due are counted up to that
 * day itself. Reached from the day's last minute, not the next day's midnight, which for 9999-12-31
 * is no date this calendar writes.
 */
export const endOfDay = (date: IsoDate, timeZone: string): string => new Date(Date.parse(instantAt(date, lastMinute, timeZone)) + 59_999).toISOString();
