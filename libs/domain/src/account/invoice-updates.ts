import { entryOf } from '../lookup/entry-of';
import type { Allocation } from './allocation';
import type { InvoiceState, OpenedAccount } from './account.state';

/** The account with one invoice changed; an unknown invoice leaves it as it is. */
export function updateInvoice(account: OpenedAccount, invoiceId: string, change: (invoice: InvoiceState) => InvoiceState): OpenedAccount {
  const invoice = entryOf(account.invoices, invoiceId);
  if (!invoice) return account;
  return { ...account, invoices: { ...account.invoices, [invoiceId]: change(invoice) } };
}

/** Takes balances off invoices without payment (an upheld dispute, a write-off, a settlement's remainder). */
export function adjust(account: OpenedAccount, allocations: Allocation[]): OpenedAccount {
  return allocations.reduce((next, { invoiceId, amount }) => updateInvoice(next, invoiceId, (i) => ({ ...i, adjusted: i.adjusted + amount })), account);
}
