import { entryOf } from '../lookup/entry-of';
import type { BusinessTimes } from '../account/capability';
import type { BillingEvent } from './billing.events';

/**
 * When each billing fact happened (see BusinessTime): credit is applied when its invoice is issued: with the
 * invoice (the command's date), or, left by a payment recorded after an invoice issued later than it was received,
 * on that invoice's day.
 */
export const billingBusinessTimes: BusinessTimes<BillingEvent> = {
  InvoiceIssued: (event) => ({ date: event.data.issuedOn }),
  CreditApplied: (event, before) => {
    const invoice = before && entryOf(before.invoices, event.data.invoiceId);
    return invoice ? { date: invoice.issuedOn } : 'command';
  },
  PaymentMissed: (event) => ({ date: event.data.missedOn }),
  LateFeeAssessed: (event) => ({ date: event.data.assessedOn }),
};
