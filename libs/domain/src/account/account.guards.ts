import { entryOf } from '../lookup/entry-of';
import { dateIn, isIsoDate, type IsoDate } from '../calendar/calendar';
import { conflict, notFound, ruleBroken } from '../errors/domain-error';
import { isCurrencyCode, isPositiveMinorUnits } from '../money/money';
import type { AccountState, InvoiceState, OpenedAccount } from './account.state';
import type { AccountReopened } from '../accounts/accounts.events';

/** Commands other than OpenAccount need an account that exists and is not closed. */
export function requireOpen(state: AccountState): OpenedAccount {
  if (state.status === 'unopened') throw notFound('ACCOUNT_NOT_FOUND', 'The account does not exist.');
  if (state.status === 'closed') {
    throw ruleBroken('ACCOUNT_CLOSED', `Account ${state.accountId} is closed.`, { accountId: state.accountId });
  }
  return state;
}

/**
 * A payment, or its reversal, is a fact from outside: money moved whether or not the account was closed. It is
 * recorded on a closed account too, which it reopens (AccountReopened, its date the debtor's today), since the
 * account then holds credit or owes again, and closing needs neither. The account, and the events that open it.
 */
export function reopenedForMoney(
  state: AccountState,
  now: string,
  reason: AccountReopened['data']['reason'],
  paymentId: string,
): { account: OpenedAccount; reopened: AccountReopened[] } {
  if (state.status === 'unopened') throw notFound('ACCOUNT_NOT_FOUND', 'The account does not exist.');
  if (state.status === 'open') return { account: state, reopened: [] };
  return { account: state, reopened: [{ type: 'AccountReopened', data: { reopenedOn: todayFor(state, now), reason, paymentId } }] };
}

/**
 * Nothing more is recorded about a debtor whose personal data was erased (PersonalDataErased): there is
 * no one left to reach, and new personal data (contact details, a credit report's score) would be sealed
 * under a new key and undo the erasure (GDPR art. 17). `what` says what is refused.
 */
export function requireDebtorNotErased(account: OpenedAccount, what: string): void {
  if (account.debtor.personalDataErased) throw ruleBroken('PERSONAL_DATA_ERASED', `The debtor’s personal data was erased: ${what}`);
}

/** The debtor's calendar date at the command's instant. */
export const todayFor = (account: OpenedAccount, now: string): IsoDate => dateIn(now, account.debtor.timeZone);

export function requireAmount(amount: number, field = 'amount'): void {
  if (!isPositiveMinorUnits(amount)) {
    throw ruleBroken('INVALID_AMOUNT', `${field} must be a positive integer number of minor units.`, { field });
  }
}

/**
 * Amounts are JavaScript numbers, exact only up to 2^53 − 1: a command that would carry one of the
 * account's running totals past that is refused before any balance loses precision.
 */
export function requireSafeTotal(total: number, amount: number, field = 'amount'): void {
  if (!Number.isSafeInteger(total + amount)) {
    throw ruleBroken('AMOUNT_TOO_LARGE', `${field} would take the account's total past ${Number.MAX_SAFE_INTEGER} minor units.`, {
      field,
      maximum: Number.MAX_SAFE_INTEGER,
    });
  }
}

/**
 * A count of days to add to a date: a whole number from 0 to `max`. Unbounded, a date could pass the year 9999, and
 * ISO dates, compared as text, would put a five-digit year before today (a promise broken before it is due).
 */
export const isDayCount = (days: number, max: number): boolean => Number.isInteger(days) && days >= 0 && days <= max;

/** At most a year of grace after a due date, for an invoice or a promise. */
export const maxGraceDays = 365;

/** An early-payment discount is available for at most ten years after the invoice is issued. */
export const maxDiscountDays = 3650;

export function requireDate(value: string, field: string): void {
  if (!isIsoDate(value)) throw ruleBroken('INVALID_DATE', `${field} must be a date written YYYY-MM-DD.`, { field });
}

/** An account keeps one currency, fixed by its first invoice or payment. */
export function requireCurrency(account: OpenedAccount, currency: string): void {
  if (!isCurrencyCode(currency)) {
    throw ruleBroken('UNKNOWN_CURRENCY', `${currency} is not an ISO 4217 currency code.`, { field: 'currency', currency });
  }
  if (account.currency !== null && account.currency !== currency) {
    throw ruleBroken('CURRENCY_MISMATCH', `The account is kept in ${account.currency}, not ${currency}.`, {
      accountCurrency: account.currency,
      currency,
    });
  }
}

export function requireInvoice(account: OpenedAccount, invoiceId: string): InvoiceState {
  const invoice = entryOf(account.invoices, invoiceId);
  if (!invoice) throw notFound('INVOICE_NOT_FOUND', `Invoice ${invoiceId} does not exist on this account.`, { invoiceId });
  return invoice;
}

/** Refuses an id already in `registry`, as `lookup` reads it (`entryOf` a plain one, `sharedEntryOf` a shared one). */
export function requireNew<Registry>(registry: Registry, id: string, code: string, what: string, lookup: (registry: Registry, id: string) => unknown): void {
  if (lookup(registry, id)) throw conflict(code, `${what} ${id} already exists on this account.`, { id });
}
