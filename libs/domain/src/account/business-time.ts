import { portalBusinessTimes } from '../portal/portal.business-time';
import { creditBusinessTimes } from '../credit/credit.business-time';
import { accountsBusinessTimes } from '../accounts/accounts.business-time';
import { billingBusinessTimes } from '../billing/billing.business-time';
import { dateIn, isIsoDate, type IsoDate } from '../calendar/calendar';
import { disputesBusinessTimes } from '../disputes/disputes.business-time';
import { interactionsBusinessTimes } from '../interactions/interactions.business-time';
import { paymentsBusinessTimes } from '../payments/payments.business-time';
import { plansBusinessTimes } from '../plans/plans.business-time';
import { promisesBusinessTimes } from '../promises/promises.business-time';
import { resolutionsBusinessTimes } from '../resolutions/resolutions.business-time';
import { restrictionsBusinessTimes } from '../restrictions/restrictions.business-time';
import { timelineBusinessTimes } from '../timeline/timeline.business-time';
import { noticesBusinessTimes } from '../notices/notices.business-time';
import { worklistBusinessTimes } from '../worklist/worklist.business-time';
import type { AccountEvent } from './account.events';
import type { AccountState, OpenedAccount } from './account.state';
import { unhandled, type BusinessTime, type BusinessTimes } from './capability';

const businessTimes: BusinessTimes<AccountEvent> = {
  ...accountsBusinessTimes,
  ...billingBusinessTimes,
  ...paymentsBusinessTimes,
  ...plansBusinessTimes,
  ...promisesBusinessTimes,
  ...disputesBusinessTimes,
  ...restrictionsBusinessTimes,
  ...interactionsBusinessTimes,
  ...resolutionsBusinessTimes,
  ...worklistBusinessTimes,
  ...timelineBusinessTimes,
  ...noticesBusinessTimes,
  ...portalBusinessTimes,
  ...creditBusinessTimes,
};
const businessTimeFor = new Map(Object.entries(businessTimes) as [AccountEvent['type'], (event: AccountEvent, before: OpenedAccount | null) => BusinessTime][]);

const timeOf = (event: AccountEvent, before: OpenedAccount | null): BusinessTime => {
  const rule = businessTimeFor.get(event.type);
  return rule ? rule(event, before) : unhandled(event);
};

/**
 * The business date of each of one command's events, where one is known without a time zone: its
 * own date, one the account before the command gives (a promise is kept or broken on its date), or
 * the date of the command's latest dated event before it (a discount on its payment's day). Stamped
 * on the events when they are written (`metadata.occurredOn`), so readers date each event by itself.
 */
export function businessDatesOf(events: AccountEvent[], before: AccountState): (IsoDate | undefined)[] {
  const account = before.status === 'unopened' ? null : before;
  let commandDate: IsoDate | undefined;
  return events.map((event) => {
    const time = timeOf(event, account);
    if (time === 'command') return commandDate;
    if ('date' in time) commandDate = time.date;
    return 'date' in time ? time.date : undefined;
  });
}

/** What an event's metadata says of its business time: its stamped date, and its command's business instant. */
export interface BusinessMetadata {
  occurredOn?: unknown;
  occurredAt: string;
}

/**
 * The day a fact happened for the business, in `zone` (the creditor's reporting zone): its stamped
 * date, or its own date or the date of its own instant there (events written before dates were
 * stamped), else the day of its command's business instant. Never the day it was recorded: an
 * invoice imported today that was issued in March happened in March.
 */
export function businessDayOf(event: AccountEvent, metadata: BusinessMetadata, zone: string): IsoDate {
  if (typeof metadata.occurredOn === 'string' && isIsoDate(metadata.occurredOn)) return metadata.occurredOn;
  const time = timeOf(event, null);
  if (time === 'command') return dateIn(metadata.occurredAt, zone);
  return 'date' in time ? time.date : dateIn(time.instant, zone);
}
