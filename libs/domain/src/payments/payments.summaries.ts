import { formatMoney } from '../money/money';
import type { Summaries } from '../account/capability';
import { money } from '../account/summary-words';
import type { PaymentsEvent } from './payments.events';

/** How each payments fact reads in the account's history: one line a person can read. */
export const paymentsSummaries: Summaries<PaymentsEvent> = {
  PaymentReceived: (event) =>
    `Payment ${event.data.paymentId} of ${money(event.data)} received on ${event.data.receivedOn} by ${event.data.method}${
      event.data.credited ? `, ${formatMoney(event.data.credited, event.data.currency)} kept as credit` : ''
    }.`,
  PaymentReversed: (event) =>
    `Payment ${event.data.paymentId}: ${money(event.data)} ${event.data.reason === 'refund' ? 'refunded' : 'taken back by a chargeback'} on ${event.data.reversedOn}${
      event.data.providerReference ? ` (${event.data.providerReference})` : ''
    }; what it paid is owed again.`,
  EarlyPaymentDiscountApplied: (event) => `Early-payment discount of ${money(event.data)} (${event.data.percent}%) applied to invoice ${event.data.invoiceId}.`,
};
