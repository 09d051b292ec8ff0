import { formatMoney } from '../money/money';
import type { Summaries } from '../account/capability';
import { money } from '../account/summary-words';
import type { BillingEvent } from './billing.events';

/** How each billing fact reads in the account's history: one line a person can read. */
export const billingSummaries: Summaries<BillingEvent> = {
  InvoiceIssued: (event) => `Invoice ${event.data.invoiceId} issued for ${money(event.data)} on ${event.data.issuedOn}, due ${event.data.dueOn}.`,
  CreditApplied: (event) => `Credit of ${money(event.data)} applied to invoice ${event.data.invoiceId}.`,
  PaymentMissed: (event) =>
    `Payment missed on invoice ${event.data.invoiceId}: ${formatMoney(event.data.overdueAmount, event.data.currency)} overdue since ${event.data.dueOn}.`,
  LateFeeAssessed: (event) => `Late fee of ${money(event.data)} assessed on invoice ${event.data.invoiceId}.`,
};
