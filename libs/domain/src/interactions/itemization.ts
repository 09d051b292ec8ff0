import type { Itemization } from './interactions.events';
import { outstanding, type InvoiceState, type OpenedAccount } from '../account/account.state';

// The type lives with the event that carries it (the account's state reaches the events, not this file).
export type { Itemization } from './interactions.events';

/**
 * The account's open debt itemized, or null when nothing is owed. The itemization date is one of the
 * reference dates of 1006.34(b)(3) the account knows: the date of the statement that billed the debt,
 * the issue date of its earliest open invoice (the "last statement date" of (b)(3)(i) for a debt billed
 * once). Each open invoice is itemized from its own statement: the amount it billed, then its late fees
 * (the ledger charges no interest), the payments made to it, and the credits against it (discounts,
 * and adjustments such as an upheld dispute or a write-off). A debt billed by several statements thus
 * counts a later statement's amount with the amount on the itemization date; the account keeps no
 * dated balance from which to tell them apart.
 */
export function itemizationOf(account: Pick<OpenedAccount, 'invoices'>): Itemization | null {
  const open = Object.values(account.invoices).filter((invoice) => outstanding(invoice) > 0);
  const first = open.reduce<InvoiceState | null>((earliest, invoice) => (earliest && earliest.issuedOn <= invoice.issuedOn ? earliest : invoice), null);
  if (!first) return null;
  const sum = (amount: (invoice: InvoiceState) => number) => open.reduce((total, invoice) => total + amount(invoice), 0);
  return {
    itemizationDate: first.issuedOn,
    amountOnItemizationDate: sum((invoice) => invoice.amount),
    interest: 0,
    fees: sum((invoice) => invoice.lateFees),
    payments: sum((invoice) => invoice.paid),
    credits: sum((invoice) => invoice.discounted + invoice.adjusted),
    currentAmount: sum(outstanding),
    currency: first.currency,
  };
}
