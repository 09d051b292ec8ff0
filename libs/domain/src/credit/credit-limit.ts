import { daysBetween, type IsoDate } from '../calendar/calendar';
import { ruleBroken } from '../errors/domain-error';
import { totalOutstanding, type OpenedAccount } from '../account/account.state';
import type { CreditLimitExceeded } from './credit.events';

/**
 * What the account owes: every invoice's outstanding balance, late fees in. Credit left by an
 * overpayment is not netted here: it is already taken off the next invoice as it is issued.
 */
export const exposureOf = (account: OpenedAccount): number => totalOutstanding(account);

/** How much more the account may owe before its limit: negative past it; null without a limit. */
export const headroomOf = (account: OpenedAccount): number | null => (account.creditLimit ? account.creditLimit.amount - exposureOf(account) : null);

/** What the credit policy reads of an invoice about to be issued. */
export interface InvoiceForCredit {
  invoiceId: string;
  currency: string;
  issuedOn: IsoDate;
  dueOn: IsoDate;
  /** What it adds to the exposure: its amount less the account's credit applied to it. */
  added: number;
}

/**
 * The account's credit policy applied to an invoice about to be issued: terms longer than allowed are
 * refused; exposure up to the limit, inclusive, passes; past it the policy says: `refuse` (422 naming the
 * limit, the exposure and the headroom), or accept with a CreditLimitExceeded (`warn`, or `approve`,
 * which also flags the invoice for a supervisor). No limit: nothing to check.
 */
export function creditCheck(account: OpenedAccount, invoice: InvoiceForCredit): CreditLimitExceeded[] {
  const policy = account.creditLimit;
  if (!policy) return [];
  const termDays = daysBetween(invoice.issuedOn, invoice.dueOn);
  if (policy.maxTermDays !== null && termDays > policy.maxTermDays) {
    throw ruleBroken('TERMS_TOO_LONG', `The account's credit policy allows at most ${policy.maxTermDays} days from issue to due date, not ${termDays}.`, {
      field: 'dueOn',
      maxTermDays: policy.maxTermDays,
      termDays,
    });
  }
  // Amounts in two currencies cannot be compared without a rate, and guessing one would be a rule of our own.
  if (policy.currency !== invoice.currency) {
    throw ruleBroken('CREDIT_LIMIT_CURRENCY_MISMATCH', `The account's credit limit is in ${policy.currency}, the invoice in ${invoice.currency}.`, {
      field: 'currency',
      limitCurrency: policy.currency,
      currency: invoice.currency,
    });
  }
  const exposure = exposureOf(account);
  const after = exposure + invoice.added;
  if (after <= policy.amount) return [];
  if (policy.overLimit === 'refuse') {
    throw ruleBroken('CREDIT_LIMIT_EXCEEDED', `The invoice would take the account to ${after}, past its credit limit of ${policy.amount} ${policy.currency}.`, {
      limit: policy.amount,
      exposure,
      headroom: policy.amount - exposure,
      amount: invoice.added,
      currency: policy.currency,
    });
  }
  const { invoiceId, currency } = invoice;
  return [{ type: 'CreditLimitExceeded', data: { invoiceId, limit: policy.amount, exposure: after, currency, overLimit: policy.overLimit } }];
}
