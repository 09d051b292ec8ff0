import { formatMoney, type AccountEvent } from '@arrears/domain';

/** One line a person can read for each fact: what happened, to what, for how much. */
export function summarize(event: AccountEvent): string {
  switch (event.type) {
    case 'AccountOpened':
      return `Account opened for creditor ${event.data.creditorId}, debtor ${event.data.debtor.reference}.`;
    case 'InvoiceIssued':
      return `Invoice ${event.data.invoiceId} issued for ${money(event.data)} on ${event.data.issuedOn}, due ${event.data.dueOn}.`;
    case 'CreditApplied':
      return `Credit of ${money(event.data)} applied to invoice ${event.data.invoiceId}.`;
    case 'PaymentReceived':
      return `Payment ${event.data.paymentId} of ${money(event.data)} received on ${event.data.receivedOn} by ${event.data.method}${
        event.data.credited ? `, ${formatMoney(event.data.credited, event.data.currency)} kept as credit` : ''
      }.`;
    case 'EarlyPaymentDiscountApplied':
      return `Early-payment discount of ${money(event.data)} (${event.data.percent}%) applied to invoice ${event.data.invoiceId}.`;
    case 'PaymentMissed':
      return `Payment missed on invoice ${event.data.invoiceId}: ${formatMoney(event.data.overdueAmount, event.data.currency)} overdue since ${event.data.dueOn}.`;
    case 'LateFeeAssessed':
      return `Late fee of ${money(event.data)} assessed on invoice ${event.data.invoiceId}.`;
    case 'PlanAgreed': {
      const total = event.data.installments.reduce((sum, installment) => sum + installment.amount, 0);
      return `Plan ${event.data.planId} agreed: ${event.data.installments.length} installments totalling ${formatMoney(total, event.data.currency)}.`;
    }
    case 'InstallmentPaid':
      return `Installment ${event.data.installment} of plan ${event.data.planId} paid by payment ${event.data.paymentId}.`;
    case 'PlanCompleted':
      return `Plan ${event.data.planId} completed.`;
    case 'AccountClosed':
      return `Account closed on ${event.data.closedOn}${event.data.reason ? ` (${event.data.reason})` : ''}.`;
    case 'AccountClaimed':
      return `Claimed by agent ${event.data.agentId} until ${event.data.until}.`;
    case 'AccountClaimReleased':
      return `Claim released by agent ${event.data.agentId}.`;
  }
}

const money = (data: { amount: number; currency: string }) => formatMoney(data.amount, data.currency);
