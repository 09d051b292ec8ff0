import { entryOf } from '../lookup/entry-of';
import { addDays, type IsoDate } from '../calendar/calendar';
import { conflict, ruleBroken } from '../errors/domain-error';
import { isFourDecimalPercent, percentOf } from '../money/money';
import type { AssessLateFee, IssueInvoice, MarkPaymentMissed, BillingCommand } from './billing.commands';
import type { AccountEvent } from '../account/account.events';
import type { InvoiceTerms, LateFeeAssessed, PaymentMissed } from './billing.events';
import {
  isDayCount,
  maxDiscountDays,
  maxGraceDays,
  requireAmount,
  requireCurrency,
  requireDate,
  requireInvoice,
  requireOpen,
  requireSafeTotal,
  todayFor,
} from '../account/account.guards';
import { outstanding, totalOutstanding, type AccountState, type InvoiceState, type OpenedAccount } from '../account/account.state';
import type { Decisions } from '../account/capability';
import { creditCheck } from '../credit/credit-limit';

/** Issuing may be backdated: importing receivables that are already overdue is normal. */
export function issueInvoice(command: IssueInvoice, state: AccountState): AccountEvent[] {
  const account = requireOpen(state);
  const { invoiceId, amount, currency, issuedOn, dueOn, otherAccountsExposure } = command.data;
  if (entryOf(account.invoices, invoiceId)) {
    throw conflict('INVOICE_ALREADY_ISSUED', `Invoice ${invoiceId} already exists on this account.`, { invoiceId });
  }
  requireAmount(amount);
  requireSafeTotal(totalOutstanding(account), amount);
  requireCurrency(account, currency);
  requireDate(issuedOn, 'issuedOn');
  requireDate(dueOn, 'dueOn');
  if (dueOn < issuedOn) {
    throw ruleBroken('INVOICE_DUE_BEFORE_ISSUE', 'dueOn cannot be earlier than issuedOn.', { field: 'dueOn', issuedOn, dueOn });
  }
  const terms = validTerms(command.data.terms ?? { graceDays: 0 });
  const events: AccountEvent[] = [{ type: 'InvoiceIssued', data: { invoiceId, amount, currency, issuedOn, dueOn, terms } }];
  const credit = Math.min(account.credit, amount);
  if (credit > 0) events.push({ type: 'CreditApplied', data: { invoiceId, amount: credit, currency } });
  events.push(
    ...creditCheck(account, {
      invoiceId,
      currency,
      issuedOn,
      dueOn,
      added: amount - credit,
      ...(otherAccountsExposure !== undefined && { otherAccountsExposure }),
    }),
  );
  return events;
}

function validTerms(terms: InvoiceTerms): InvoiceTerms {
  // The field is named as in the request body, as every other refusal of a value does.
  const invalid = (field: string, reason: string) => ruleBroken('INVALID_TERMS', reason, { terms, field });
  if (!isDayCount(terms.graceDays, maxGraceDays)) throw invalid('terms.graceDays', `graceDays must be a whole number from 0 to ${maxGraceDays}.`);
  const fee = terms.lateFee;
  if (fee?.type === 'flat') requireAmount(fee.amount, 'terms.lateFee.amount');
  if (fee?.type === 'percent' && !(fee.percent > 0 && fee.percent <= 100 && isFourDecimalPercent(fee.percent))) {
    throw invalid('terms.lateFee.percent', 'A percentage late fee must be above 0 and at most 100, with at most four decimals.');
  }
  const discount = terms.earlyPaymentDiscount;
  if (discount && !(discount.percent > 0 && discount.percent < 100 && isFourDecimalPercent(discount.percent))) {
    throw invalid('terms.earlyPaymentDiscount.percent', 'An early-payment discount must be above 0 and below 100 percent, with at most four decimals.');
  }
  if (discount && !isDayCount(discount.withinDays, maxDiscountDays)) {
    throw invalid('terms.earlyPaymentDiscount.withinDays', `earlyPaymentDiscount.withinDays must be a whole number from 0 to ${maxDiscountDays}.`);
  }
  return terms;
}

export function markPaymentMissed(command: MarkPaymentMissed, state: AccountState): [PaymentMissed] {
  const account = requireOpen(state);
  const invoice = requireInvoice(account, command.data.invoiceId);
  if (invoice.missed) {
    throw conflict('PAYMENT_ALREADY_MISSED', `Invoice ${invoice.invoiceId} is already marked missed.`, {
      invoiceId: invoice.invoiceId,
    });
  }
  const today = requireOverdue(account, invoice, command.now);
  return [
    {
      type: 'PaymentMissed',
      data: {
        invoiceId: invoice.invoiceId,
        dueOn: invoice.dueOn,
        overdueAmount: outstanding(invoice),
        currency: invoice.currency,
        missedOn: today,
      },
    },
  ];
}

/** A late fee follows the invoice's own terms, once: a flat amount or a percentage of what is overdue. */
export function assessLateFee(command: AssessLateFee, state: AccountState): [LateFeeAssessed] {
  const account = requireOpen(state);
  const invoice = requireInvoice(account, command.data.invoiceId);
  const rule = invoice.terms.lateFee;
  if (!rule) {
    throw ruleBroken('NO_LATE_FEE_TERMS', `Invoice ${invoice.invoiceId} has no late-fee terms.`, {
      invoiceId: invoice.invoiceId,
    });
  }
  if (invoice.lateFeeAssessed) {
    throw conflict('LATE_FEE_ALREADY_ASSESSED', `A late fee was already assessed on invoice ${invoice.invoiceId}.`, {
      invoiceId: invoice.invoiceId,
    });
  }
  const today = requireOverdue(account, invoice, command.now);
  const amount = rule.type === 'flat' ? rule.amount : percentOf(outstanding(invoice), rule.percent);
  requireSafeTotal(totalOutstanding(account), amount, 'late fee');
  if (amount <= 0) {
    throw ruleBroken('LATE_FEE_ROUNDS_TO_ZERO', 'The late fee on this balance rounds to zero.', {
      invoiceId: invoice.invoiceId,
    });
  }
  return [
    {
      type: 'LateFeeAssessed',
      data: { invoiceId: invoice.invoiceId, amount, currency: invoice.currency, assessedOn: today, rule },
    },
  ];
}

/**
 * Overdue means: still unpaid, not under a payment plan (the plan's schedule replaces the due date),
 * and today is past the due date plus the grace days. Returns the debtor's today.
 */
function requireOverdue(account: OpenedAccount, invoice: InvoiceState, now: string): IsoDate {
  if (outstanding(invoice) <= 0) {
    throw ruleBroken('INVOICE_ALREADY_PAID', `Invoice ${invoice.invoiceId} is paid.`, { invoiceId: invoice.invoiceId });
  }
  if (account.activePlan?.coveredInvoiceIds.includes(invoice.invoiceId)) {
    throw ruleBroken('INVOICE_UNDER_PLAN', `Invoice ${invoice.invoiceId} is covered by plan ${account.activePlan.planId}.`, {
      invoiceId: invoice.invoiceId,
      planId: account.activePlan.planId,
    });
  }
  const today = todayFor(account, now);
  const lastDayOfGrace = addDays(invoice.dueOn, invoice.terms.graceDays);
  if (today <= lastDayOfGrace) {
    throw ruleBroken('INVOICE_NOT_OVERDUE', `Invoice ${invoice.invoiceId} is not overdue before ${addDays(lastDayOfGrace, 1)}.`, {
      invoiceId: invoice.invoiceId,
      dueOn: invoice.dueOn,
      graceDays: invoice.terms.graceDays,
      overdueFrom: addDays(lastDayOfGrace, 1),
    });
  }
  return today;
}

export const billingDecisions: Decisions<BillingCommand> = {
  IssueInvoice: issueInvoice,
  MarkPaymentMissed: markPaymentMissed,
  AssessLateFee: assessLateFee,
};
