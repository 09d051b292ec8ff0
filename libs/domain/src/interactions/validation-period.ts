import { addDays, type IsoDate } from '../calendar/calendar';
import { addBusinessDays, businessDayOnOrAfter } from '../calendar/business-days';

/**
 * The validation period (12 CFR 1006.34(b)(5)) runs from sending to 30 days after the consumer receives
 * the notice; a debt collector "may assume that a consumer receives the validation information on any
 * date that is at least five days (excluding legal public holidays identified in 5 U.S.C. 6103(a),
 * Saturdays, and Sundays) after" providing it.
 */
const receiptBusinessDays = 5;
const validationPeriodDays = 30;

/**
 * When a notice sent on `sentOn` (the debtor's date) is assumed received, and the last day of its
 * validation period. Neither 1006.34(b)(5) nor its official interpretation (comment 34(b)(5)) says what
 * happens when the 30th day is a Saturday, Sunday or legal public holiday (we found no such text; the
 * 30 days are calendar days). Since receipt may be assumed on any date *at least* five business days
 * after sending, a later end is always allowed: the period ends on the next business day then, so a
 * debtor who disputes by post on the last day the office is open is within it.
 */
export function validationPeriodOf(sentOn: IsoDate): { receivedOn: IsoDate; periodEndsOn: IsoDate } {
  const receivedOn = addBusinessDays(sentOn, receiptBusinessDays);
  return { receivedOn, periodEndsOn: businessDayOnOrAfter(addDays(receivedOn, validationPeriodDays)) };
}
