import { eventTypesOf } from '../account/event-types';
import type { Allocation } from '../account/allocation';
import type { IsoDate } from '../calendar/calendar';

export interface InstallmentAllocation {
  installment: number;
  amount: number;
}
export interface PaymentReceived {
  type: 'PaymentReceived';
  data: {
    paymentId: string;
    amount: number;
    currency: string;
    receivedOn: IsoDate;
    method: string;
    /** Oldest open amount first; what is left over is `credited`. */
    allocations: Allocation[];
    /** Non-empty while a plan is active: which installments this payment paid towards. */
    installmentAllocations: InstallmentAllocation[];
    credited: number;
    /** Set when the agency holding the account collected it. */
    agencyId?: string;
  };
}
export interface EarlyPaymentDiscountApplied {
  type: 'EarlyPaymentDiscountApplied';
  data: { invoiceId: string; paymentId: string; amount: number; currency: string; percent: number };
}

/** The payments part of the account's events. */
export type PaymentsEvent = PaymentReceived | EarlyPaymentDiscountApplied;

/** Every payments event type. */
export const paymentsEventTypes = eventTypesOf<PaymentsEvent>()(['PaymentReceived', 'EarlyPaymentDiscountApplied']);
