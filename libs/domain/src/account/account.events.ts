import type { IsoDate } from '../calendar/calendar';

/** What the debtor told us about how and where to reach them. Personal data: never logged. */
export interface Debtor {
  reference: string;
  name?: string;
  timeZone: string;
  email?: string;
  phone?: string;
}

export type LateFeeRule = { type: 'flat'; amount: number } | { type: 'percent'; percent: number };

export interface InvoiceTerms {
  graceDays: number;
  lateFee?: LateFeeRule;
  /** Paying the whole invoice within `withinDays` of its issue date earns `percent` off. */
  earlyPaymentDiscount?: { percent: number; withinDays: number };
}

export interface Allocation {
  invoiceId: string;
  amount: number;
}

export interface InstallmentAllocation {
  installment: number;
  amount: number;
}

export interface Installment {
  /** 1-based, in due-date order. */
  number: number;
  dueOn: IsoDate;
  amount: number;
}

export interface AccountOpened {
  type: 'AccountOpened';
  data: { accountId: string; creditorId: string; debtor: Debtor };
}
export interface InvoiceIssued {
  type: 'InvoiceIssued';
  data: {
    invoiceId: string;
    amount: number;
    currency: string;
    issuedOn: IsoDate;
    dueOn: IsoDate;
    terms: InvoiceTerms;
  };
}
/** Credit left by an earlier overpayment, used to settle a newly issued invoice. */
export interface CreditApplied {
  type: 'CreditApplied';
  data: { invoiceId: string; amount: number; currency: string };
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
  };
}
export interface EarlyPaymentDiscountApplied {
  type: 'EarlyPaymentDiscountApplied';
  data: { invoiceId: string; paymentId: string; amount: number; currency: string; percent: number };
}
export interface PaymentMissed {
  type: 'PaymentMissed';
  data: { invoiceId: string; dueOn: IsoDate; overdueAmount: number; currency: string; missedOn: IsoDate };
}
export interface LateFeeAssessed {
  type: 'LateFeeAssessed';
  data: { invoiceId: string; amount: number; currency: string; assessedOn: IsoDate; rule: LateFeeRule };
}
export interface PlanAgreed {
  type: 'PlanAgreed';
  data: {
    planId: string;
    currency: string;
    agreedOn: IsoDate;
    installments: Installment[];
    /** The balance the plan covers, per invoice; its sum equals the installments' sum. */
    covers: Allocation[];
  };
}
export interface InstallmentPaid {
  type: 'InstallmentPaid';
  data: { planId: string; installment: number; paymentId: string };
}
export interface PlanCompleted {
  type: 'PlanCompleted';
  data: { planId: string; paymentId: string };
}
export interface AccountClosed {
  type: 'AccountClosed';
  data: { closedOn: IsoDate; reason?: string };
}

/** An agent took the account to work it, alone, until `until` (an instant). */
export interface AccountClaimed {
  type: 'AccountClaimed';
  data: { agentId: string; until: string };
}
export interface AccountClaimReleased {
  type: 'AccountClaimReleased';
  data: { agentId: string };
}

/** Every fact recorded on an account stream. The `type` strings are stored: never rename them. */
export type AccountEvent =
  | AccountOpened
  | InvoiceIssued
  | CreditApplied
  | PaymentReceived
  | EarlyPaymentDiscountApplied
  | PaymentMissed
  | LateFeeAssessed
  | PlanAgreed
  | InstallmentPaid
  | PlanCompleted
  | AccountClosed
  | AccountClaimed
  | AccountClaimReleased;

export type AccountEventType = AccountEvent['type'];

/** Every account event type, for readers that subscribe by type. */
export const accountEventTypes = [
  'AccountOpened',
  'InvoiceIssued',
  'CreditApplied',
  'PaymentReceived',
  'EarlyPaymentDiscountApplied',
  'PaymentMissed',
  'LateFeeAssessed',
  'PlanAgreed',
  'InstallmentPaid',
  'PlanCompleted',
  'AccountClosed',
  'AccountClaimed',
  'AccountClaimReleased',
] as const satisfies readonly AccountEventType[];

// Fails to compile when an event type is missing from the list above.
const everyTypeListed: [Exclude<AccountEventType, (typeof accountEventTypes)[number]>] extends [never] ? true : never = true;
void everyTypeListed;

/** Stream holding one account's events. */
export const accountStream = (accountId: string) => `account-${accountId}`;
