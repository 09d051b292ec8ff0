import { eventOf } from '@arrears/commands';
import type { InvoiceTerms, LateFeeRule } from '@arrears/domain';
import { accountCommand, type CommandDeclarations } from '../command-handling/account-command.declaration';
import { receiptOf } from '../command-handling/command-receipt';
import { OtherAccountsExposure } from '../credit/other-accounts-exposure';
import { IssueInvoiceRequest, type InvoiceTermsRequest } from './billing.requests';
import { InvoiceIssuedResponse, LateFeeAssessedResponse, PaymentMissedResponse } from './billing.responses';

/** What the creditor bills, and what follows when it is not paid on time. */
export const billingCommands: CommandDeclarations = {
  issueInvoice: accountCommand({
    route: 'POST /accounts/:accountId/invoices',
    roles: ['system'],
    summary: 'Issue an invoice (backdating allowed)',
    status: 201,
    request: IssueInvoiceRequest,
    // The debtor's credit limit counts what they owe on their other accounts, which this stream does not hold.
    lookup: OtherAccountsExposure,
    command: ({ request: { invoiceId, amount, currency, issuedOn, dueOn, terms }, found }) => ({
      type: 'IssueInvoice',
      data: {
        invoiceId,
        amount,
        currency,
        issuedOn,
        dueOn,
        ...(terms ? { terms: termsOf(terms) } : {}),
        ...(found !== undefined && { otherAccountsExposure: found }),
      },
    }),
    response: {
      type: InvoiceIssuedResponse,
      from: (outcome, { request }) => ({
        ...receiptOf(outcome),
        invoiceId: request.invoiceId,
        creditApplied: eventOf(outcome, 'CreditApplied')?.data.amount ?? 0,
        overLimit: eventOf(outcome, 'CreditLimitExceeded')?.data.overLimit ?? null,
      }),
    },
  }),

  markPaymentMissed: accountCommand({
    route: 'POST /accounts/:accountId/invoices/:invoiceId/missed',
    roles: ['system'],
    summary: 'Mark an invoice’s payment missed (after due date + grace, while unpaid, once)',
    status: 200,
    command: ({ params }) => ({ type: 'MarkPaymentMissed', data: { invoiceId: params.invoiceId } }),
    response: {
      type: PaymentMissedResponse,
      from: (outcome, { params }) => {
        const missed = eventOf(outcome, 'PaymentMissed')?.data;
        return { ...receiptOf(outcome), invoiceId: params.invoiceId, overdueAmount: missed?.overdueAmount ?? 0, missedOn: missed?.missedOn ?? '' };
      },
    },
  }),

  assessLateFee: accountCommand({
    route: 'POST /accounts/:accountId/invoices/:invoiceId/late-fee',
    roles: ['system'],
    summary: 'Assess the late fee of an overdue invoice’s terms (once)',
    status: 201,
    command: ({ params }) => ({ type: 'AssessLateFee', data: { invoiceId: params.invoiceId } }),
    response: {
      type: LateFeeAssessedResponse,
      from: (outcome, { params }) => {
        const assessed = eventOf(outcome, 'LateFeeAssessed')?.data;
        return { ...receiptOf(outcome), invoiceId: params.invoiceId, fee: assessed?.amount ?? 0, assessedOn: assessed?.assessedOn ?? '' };
      },
    },
  }),
};

function termsOf(request: InvoiceTermsRequest): InvoiceTerms {
  const terms: InvoiceTerms = { graceDays: request.graceDays };
  const fee = request.lateFee;
  if (fee) {
    const rule: LateFeeRule = fee.type === 'flat' ? { type: 'flat', amount: fee.amount ?? 0 } : { type: 'percent', percent: fee.percent ?? 0 };
    terms.lateFee = rule;
  }
  if (request.earlyPaymentDiscount) {
    const { percent, withinDays } = request.earlyPaymentDiscount;
    terms.earlyPaymentDiscount = { percent, withinDays };
  }
  return terms;
}
