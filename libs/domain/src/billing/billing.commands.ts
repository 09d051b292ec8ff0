import type { Command } from '../account/command';
import type { IsoDate } from '../calendar/calendar';
import type { InvoiceTerms } from './billing.events';

export type IssueInvoice = Command<
  'IssueInvoice',
  {
    invoiceId: string;
    amount: number;
    currency: string;
    issuedOn: IsoDate;
    dueOn: IsoDate;
    terms?: InvoiceTerms;
    /**
     * What the debtor owes on their other accounts with the creditor, in the invoice's currency, for the
     * debtor's credit limit: read by the command path from the read side, never sent by a caller.
     */
    otherAccountsExposure?: number;
  }
>;
export type MarkPaymentMissed = Command<'MarkPaymentMissed', { invoiceId: string }>;
export type AssessLateFee = Command<'AssessLateFee', { invoiceId: string }>;

/** The billing part of the account's commands. */
export type BillingCommand = IssueInvoice | MarkPaymentMissed | AssessLateFee;
