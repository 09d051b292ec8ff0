import type { BusinessTimes } from '../account/capability';
import type { BillingEvent } from './billing.events';

/** When each billing fact happened (see BusinessTime): credit is applied when its invoice is issued. */
export const billingBusinessTimes: BusinessTimes<BillingEvent> = {
  InvoiceIssued: (event) => ({ date: event.data.issuedOn }),
  CreditApplied: () => 'command',
  PaymentMissed: (event) => ({ date: event.data.missedOn }),
  LateFeeAssessed: (event) => ({ date: event.data.assessedOn }),
};
