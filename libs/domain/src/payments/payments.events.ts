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

/** Why money received came back out: the creditor refunded it, or the payer's bank took it back. */
export const reversalReasons = ['refund', 'chargeback'] as const;

/** How money reached the creditor: the words every path takes, so reports can group by them. */
export const paymentMethods = ['card', 'bank_transfer', 'ach', 'wire', 'direct_debit', 'check', 'cash', 'agency', 'other'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];
export type ReversalReason = (typeof reversalReasons)[number];

/**
 * A payment, or part of it, was taken back: a refund or a lost chargeback. It reopens what the payment
 * paid, the most recent part first (see reversePayment): what it left as credit, then its invoices in
 * the reverse of the order it paid them (and the plan's installments with them).
 */
export interface PaymentReversed {
  type: 'PaymentReversed';
  data: {
    /** Names this reversal: the same one again changes nothing. */
    reversalId: string;
    paymentId: string;
    amount: number;
    currency: string;
    /** The business date the money went back. */
    reversedOn: IsoDate;
    reason: ReversalReason;
    /** The payment provider's id of the refund or dispute, when it came from one. */
    providerReference?: string;
    /** Taken back out of the account's credit: what the payment had left over and is still unspent. */
    creditReversed: number;
    /** The payment's invoices reopened, by how much, the most recently paid first. */
    allocations: Allocation[];
    /**
     * What the payment left as credit and later invoices have since used: reopened on those, the
     * latest due first, since the credit that paid them is gone.
     */
    spentCreditReopened: Allocation[];
    /** The plan's installments reopened (the plan the payment paid, if still in force), the last paid first. */
    installmentAllocations: InstallmentAllocation[];
    /** Early-payment discounts withdrawn: the payment no longer settles those invoices in their window. */
    discountsWithdrawn: Allocation[];
  };
}

/** The payments part of the account's events. */
export type PaymentsEvent = PaymentReceived | EarlyPaymentDiscountApplied | PaymentReversed;

/** Every payments event type. */
export const paymentsEventTypes = eventTypesOf<PaymentsEvent>()(['PaymentReceived', 'EarlyPaymentDiscountApplied', 'PaymentReversed']);
