import type { IsoDate } from '../calendar/calendar';
import type { Debtor, InvoiceTerms } from './account.events';

/**
 * Every command carries `now`, the instant it is decided at (from the injected clock), so the
 * decider stays pure and tests can put it anywhere in time.
 */
interface Command<Type extends string, Data> {
  type: Type;
  data: Data;
  now: string;
}

export type OpenAccount = Command<'OpenAccount', { accountId: string; creditorId: string; debtor: Debtor }>;
export type IssueInvoice = Command<
  'IssueInvoice',
  { invoiceId: string; amount: number; currency: string; issuedOn: IsoDate; dueOn: IsoDate; terms?: InvoiceTerms }
>;
export type RecordPayment = Command<
  'RecordPayment',
  { paymentId: string; amount: number; currency: string; receivedOn: IsoDate; method: string }
>;
export type MarkPaymentMissed = Command<'MarkPaymentMissed', { invoiceId: string }>;
export type AssessLateFee = Command<'AssessLateFee', { invoiceId: string }>;
export type AgreePlan = Command<
  'AgreePlan',
  {
    planId: string;
    currency: string;
    installments: { dueOn: IsoDate; amount: number }[];
    /** Which invoices the plan covers; all open invoices when absent. */
    invoiceIds?: string[];
  }
>;
export type CloseAccount = Command<'CloseAccount', { reason?: string }>;

/** An agent takes the account for `minutes`; the same agent claiming again extends it. */
export type ClaimAccount = Command<'ClaimAccount', { agentId: string; minutes: number }>;
export type ReleaseAccountClaim = Command<'ReleaseAccountClaim', { agentId: string }>;

export type AccountCommand =
  | OpenAccount
  | IssueInvoice
  | RecordPayment
  | MarkPaymentMissed
  | AssessLateFee
  | AgreePlan
  | CloseAccount
  | ClaimAccount
  | ReleaseAccountClaim;
