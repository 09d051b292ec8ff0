import type { Summaries } from '../account/capability';
import type { CreditEvent } from './credit.events';

/**
 * How each credit fact reads in the account's history. A report's score and reason codes are about the
 * debtor and sealed: the line names the bureau, the date and the scale, never the score.
 */
export const creditSummaries: Summaries<CreditEvent> = {
  CreditLimitSet: ({ data }) =>
    `Credit limit set to ${data.amount} ${data.currency}; past it: ${data.overLimit}` +
    (data.maxTermDays === null ? '.' : `; terms of at most ${data.maxTermDays} days.`),
  CreditLimitRemoved: () => 'Credit limit removed: invoices are no longer checked against a limit or terms.',
  DebtorCreditLimitSet: ({ data }) =>
    `Debtor’s credit limit across their accounts with the creditor set to ${data.amount} ${data.currency}; past it: ${data.overLimit}.`,
  DebtorCreditLimitRemoved: () => 'Debtor’s credit limit across their accounts with the creditor removed: invoices are no longer checked against it.',
  CreditLimitExceeded: ({ data }) =>
    (data.scope === 'debtor'
      ? `Invoice ${data.invoiceId} took the debtor to ${data.exposure} ${data.currency} across their accounts, past their limit of ${data.limit}`
      : `Invoice ${data.invoiceId} took the account to ${data.exposure} ${data.currency}, past its limit of ${data.limit}`) +
    (data.overLimit === 'approve' ? ': flagged for a supervisor’s approval.' : ': accepted with a warning.'),
  CreditApprovalDecided: ({ data }) => `Invoice ${data.invoiceId} past the credit limit ${data.decision} by a supervisor${data.note ? `: ${data.note}` : '.'}`,
  CreditReportRecorded: ({ data }) =>
    `Credit report from ${data.bureau} dated ${data.reportedOn} (scale ${data.scaleMin}–${data.scaleMax}) ${data.source === 'bureau' ? 'fetched from the bureau' : 'recorded'}.`,
};
