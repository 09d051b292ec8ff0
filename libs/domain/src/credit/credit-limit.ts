import { daysBetween, type IsoDate } from '../calendar/calendar';
import { ruleBroken } from '../errors/domain-error';
import { totalOutstanding, type OpenedAccount } from '../account/account.state';
import { requireSafeTotal } from '../account/account.guards';
import type { CreditLimitExceeded, OverLimitPolicy } from './credit.events';

/**
 * What the account owes: every invoice's outstanding balance, late fees in. Credit left by an
 * overpayment is not netted here: it is already taken off the next invoice as it is issued.
 */
export const exposureOf = (account: OpenedAccount): number => totalOutstanding(account);

/** How much more the account may owe before its limit: negative past it; null without a limit. */
export const headroomOf = (account: OpenedAccount): number | null => (account.creditLimit ? account.creditLimit.amount - exposureOf(account) : null);

/** What the debtor owes in `currency` on their accounts with the creditor (`accounts`, this one among them). */
export const debtorExposureOf = (accounts: readonly OpenedAccount[], currency: string): number =>
  accounts.filter((account) => account.currency === currency).reduce((sum, account) => sum + exposureOf(account), 0);

/** How much more the debtor may owe across those accounts before their limit: negative past it; null without one. */
export const debtorHeadroomOf = (account: OpenedAccount, debtorExposure: number): number | null =>
  account.debtorCreditLimit ? account.debtorCreditLimit.amount - debtorExposure : null;

/** What the credit policy reads of an invoice about to be issued. */
export interface InvoiceForCredit {
  invoiceId: string;
  currency: string;
  issuedOn: IsoDate;
  dueOn: IsoDate;
  /** What it adds to the exposure: its amount less the account's credit applied to it. */
  added: number;
  /** What the debtor owes on their other accounts with the creditor, in the invoice's currency (absent: nothing known). */
  otherAccountsExposure?: number;
}

/** A limit as the check reads it, the account's or the debtor's. */
interface Limit {
  amount: number;
  currency: string;
  overLimit: OverLimitPolicy;
}

/**
 * The credit policy applied to an invoice about to be issued: terms longer than the account allows are
 * refused; then the account's limit against what the account owes, and the debtor's limit against what
 * the debtor owes on all their accounts with the creditor (this one's exposure and the others'), each
 * by the same rule (see `limitCheck`). No limit: nothing to check.
 */
export function creditCheck(account: OpenedAccount, invoice: InvoiceForCredit): CreditLimitExceeded[] {
  const policy = account.creditLimit;
  if (policy && policy.maxTermDays !== null) {
    const termDays = daysBetween(invoice.issuedOn, invoice.dueOn);
    if (termDays > policy.maxTermDays) {
      throw ruleBroken('TERMS_TOO_LONG', `The account's credit policy allows at most ${policy.maxTermDays} days from issue to due date, not ${termDays}.`, {
        field: 'dueOn',
        maxTermDays: policy.maxTermDays,
        termDays,
      });
    }
  }
  const exposure = exposureOf(account);
  const debtor = account.debtorCreditLimit;
  return [
    ...(policy ? limitCheck(policy, exposure, invoice, 'account') : []),
    ...(debtor ? limitCheck(debtor, exposure + (invoice.otherAccountsExposure ?? 0), invoice, 'debtor') : []),
  ];
}

/**
 * One limit against the exposure before the invoice: up to the limit, inclusive, passes; past it the
 * policy says: `refuse` (422 naming the limit, the exposure and the headroom), or accept with a
 * CreditLimitExceeded (`warn`, or `approve`, which also flags the invoice for a supervisor).
 */
function limitCheck(limit: Limit, exposure: number, invoice: InvoiceForCredit, scope: 'account' | 'debtor'): CreditLimitExceeded[] {
  const whose = scope === 'account' ? 'The account’s' : 'The debtor’s';
  // Amounts in two currencies cannot be compared without a rate, and guessing one would be a rule of our own.
  if (limit.currency !== invoice.currency) {
    throw ruleBroken('CREDIT_LIMIT_CURRENCY_MISMATCH', `${whose} credit limit is in ${limit.currency}, the invoice in ${invoice.currency}.`, {
      field: 'currency',
      limitCurrency: limit.currency,
      currency: invoice.currency,
      ...(scope === 'debtor' && { scope }),
    });
  }
  // The debtor's accounts may each be safe and their sum not: it is stored and shown, so it must be exact.
  requireSafeTotal(exposure, invoice.added);
  const after = exposure + invoice.added;
  if (after <= limit.amount) return [];
  if (limit.overLimit === 'refuse') {
    const code = scope === 'account' ? 'CREDIT_LIMIT_EXCEEDED' : 'DEBTOR_CREDIT_LIMIT_EXCEEDED';
    throw ruleBroken(
      code,
      `The invoice would take ${scope === 'account' ? 'the account' : 'the debtor'} to ${after}, past ${whose.toLowerCase()} credit limit of ${limit.amount} ${limit.currency}.`,
      {
        limit: limit.amount,
        exposure,
        headroom: limit.amount - exposure,
        amount: invoice.added,
        currency: limit.currency,
        ...(scope === 'debtor' && { scope, otherAccountsExposure: invoice.otherAccountsExposure ?? 0 }),
      },
    );
  }
  const { invoiceId, currency } = invoice;
  return [
    {
      type: 'CreditLimitExceeded',
      data: { invoiceId, limit: limit.amount, exposure: after, currency, overLimit: limit.overLimit, ...(scope === 'debtor' && { scope }) },
    },
  ];
}

/** Lifting the debtor's policy must lift it somewhere: removing what none of their accounts holds is a mistake worth saying. */
export function requireDebtorCreditLimitLifted(accountsLifted: number): void {
  if (accountsLifted === 0) throw ruleBroken('NO_DEBTOR_CREDIT_LIMIT', 'None of the debtor’s open accounts with the creditor holds a credit limit to remove.');
}
