import { eventTypesOf } from '../account/event-types';
import type { IsoDate } from '../calendar/calendar';

export type LateFeeRule = { type: 'flat'; amount: number } | { type: 'percent'; percent: number };
export interface InvoiceTerms {
  graceDays: number;
  lateFee?: LateFeeRule;
  /** Paying the whole invoice within `withinDays` of its issue date earns `percent` off. */
  earlyPaymentDiscount?: { percent: number; withinDays: number };
}
// A type, not an interface: an event's data must be assignable to a plain record.
export type IssuedInvoice = { invoiceId: string; amount: number; currency: string; issuedOn: IsoDate; dueOn: IsoDate; terms: InvoiceTerms };
export interface InvoiceIssued {
  type: 'InvoiceIssued';
  data: IssuedInvoice;
}
/** Credit left by an earlier overpayment, used to settle a newly issued invoice. */
export interface CreditApplied {
  type: 'CreditApplied';
  data: { invoiceId: string; amount: number; currency: string };
}
export interface PaymentMissed {
  type: 'PaymentMissed';
  data: { invoiceId: string; dueOn: IsoDate; overdueAmount: number; currency: string; missedOn: IsoDate };
}
export interface LateFeeAssessed {
  type: 'LateFeeAssessed';
  data: { invoiceId: string; amount: number; currency: string; assessedOn: IsoDate; rule: LateFeeRule };
}

/** The billing part of the account's events. */
export type BillingEvent = InvoiceIssued | CreditApplied | PaymentMissed | LateFeeAssessed;

/** Every billing event type. */
export const billingEventTypes = eventTypesOf<BillingEvent>()(['InvoiceIssued', 'CreditApplied', 'PaymentMissed', 'LateFeeAssessed']);
