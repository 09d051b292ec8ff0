import type { Evolvers } from '../account/capability';
import type { InvoiceState } from '../account/account.state';
import { updateInvoice } from '../account/invoice-updates';
import type { BillingEvent } from './billing.events';

export const billingEvolvers: Evolvers<BillingEvent> = {
  InvoiceIssued: (account, event) => {
    const { invoiceId, amount, currency, issuedOn, dueOn, terms } = event.data;
    const invoice: InvoiceState = {
      invoiceId,
      amount,
      currency,
      issuedOn,
      dueOn,
      terms,
      sequence: Object.keys(account.invoices).length,
      paid: 0,
      creditApplied: 0,
      discounted: 0,
      lateFees: 0,
      lateFeeAssessed: false,
      missed: false,
      adjusted: 0,
      paidOn: {},
      timeline: null,
    };
    // A new debt is owed: the account is no longer resolved.
    return { ...account, currency, invoices: { ...account.invoices, [invoiceId]: invoice }, resolution: null };
  },
  CreditApplied: (account, event) => ({
    ...updateInvoice(account, event.data.invoiceId, (i) => ({ ...i, paid: i.paid + event.data.amount, creditApplied: i.creditApplied + event.data.amount })),
    credit: account.credit - event.data.amount,
  }),
  PaymentMissed: (account, event) => updateInvoice(account, event.data.invoiceId, (i) => ({ ...i, missed: true })),
  LateFeeAssessed: (account, event) =>
    updateInvoice(account, event.data.invoiceId, (i) => ({
      ...i,
      lateFees: i.lateFees + event.data.amount,
      lateFeeAssessed: true,
    })),
};
