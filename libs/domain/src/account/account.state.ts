import type { IsoDate } from '../calendar/calendar';
import type { Debtor, Installment, InvoiceTerms } from './account.events';

export interface InvoiceState {
  invoiceId: string;
  amount: number;
  currency: string;
  issuedOn: IsoDate;
  dueOn: IsoDate;
  terms: InvoiceTerms;
  /** Order of issue, the last tie-breaker of "oldest first". */
  sequence: number;
  paid: number;
  discounted: number;
  lateFees: number;
  lateFeeAssessed: boolean;
  missed: boolean;
}

export interface InstallmentState extends Installment {
  paid: number;
}

export interface PlanState {
  planId: string;
  installments: InstallmentState[];
  coveredInvoiceIds: string[];
}

export interface OpenedAccount {
  status: 'open' | 'closed';
  accountId: string;
  creditorId: string;
  debtor: Debtor;
  /** Fixed by the first invoice or payment: an account keeps one currency. */
  currency: string | null;
  invoices: Record<string, InvoiceState>;
  paymentIds: Record<string, true>;
  planIds: Record<string, true>;
  activePlan: PlanState | null;
  /** Overpaid money not yet used by an invoice. */
  credit: number;
  /** The agent working the account, until an instant; it lapses by itself. */
  claim: AccountClaim | null;
}

export interface AccountClaim {
  agentId: string;
  until: string;
}

/** The claim still running at `now`, if any. */
export const activeClaim = (account: OpenedAccount, now: string): AccountClaim | null =>
  account.claim && Date.parse(account.claim.until) > Date.parse(now) ? account.claim : null;

export type AccountState = { status: 'unopened' } | OpenedAccount;

export const initialAccountState = (): AccountState => ({ status: 'unopened' });

/** What is still owed on an invoice, fees included and discounts taken off. */
export const outstanding = (invoice: InvoiceState): number =>
  invoice.amount + invoice.lateFees - invoice.paid - invoice.discounted;

/** Open invoices, oldest first: by due date, then issue date, then order of issue. */
export function openInvoicesOldestFirst(account: OpenedAccount): InvoiceState[] {
  return Object.values(account.invoices)
    .filter((invoice) => outstanding(invoice) > 0)
    .sort(
      (a, b) =>
        a.dueOn.localeCompare(b.dueOn) || a.issuedOn.localeCompare(b.issuedOn) || a.sequence - b.sequence,
    );
}

/** The sum of everything still owed on the account. */
export const totalOutstanding = (account: OpenedAccount): number =>
  Object.values(account.invoices).reduce((sum, invoice) => sum + outstanding(invoice), 0);
