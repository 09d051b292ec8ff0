import { entryOf } from '../lookup/entry-of';
import { ruleBroken } from '../errors/domain-error';
import { requireAmount, requireCurrency, requireOpen, todayFor } from '../account/account.guards';
import type { AccountState } from '../account/account.state';
import type { Decisions } from '../account/capability';
import { isCurrencyCode } from '../money/money';
import {
  overLimitPolicies,
  type OverLimitPolicy,
  type CreditApprovalDecided,
  type CreditLimitRemoved,
  type CreditLimitSet,
  type DebtorCreditLimitSet,
  type DebtorCreditLimitRemoved,
  type CreditReportRecorded,
} from './credit.events';
import type {
  CreditCommand,
  DecideCreditApproval,
  RecordCreditReport,
  RemoveCreditLimit,
  RemoveDebtorCreditLimit,
  SetCreditLimit,
  SetDebtorCreditLimit,
} from './credit.commands';
import { requireReportableDebtor, requireValidReport } from './credit-report';

/** The longest terms a policy may allow: ten years, as far as any invoice's terms reach. */
const maxTermDaysAllowed = 3650;

/**
 * A limit is set in the account's currency (any, before its first invoice or payment fixes one); it
 * may be below what the account already owes: the next invoice then meets the policy.
 */
export function setCreditLimit(command: SetCreditLimit, state: AccountState): [CreditLimitSet] {
  const account = requireOpen(state);
  const { amount, currency, overLimit, maxTermDays } = command.data;
  requireAmount(amount);
  requireCurrency(account, currency);
  requirePolicy(overLimit);
  if (maxTermDays !== undefined && !(Number.isInteger(maxTermDays) && maxTermDays >= 0 && maxTermDays <= maxTermDaysAllowed)) {
    throw ruleBroken('INVALID_CREDIT_POLICY', `maxTermDays must be a whole number from 0 to ${maxTermDaysAllowed}.`, { field: 'maxTermDays' });
  }
  return [{ type: 'CreditLimitSet', data: { amount, currency, overLimit, maxTermDays: maxTermDays ?? null } }];
}

/**
 * The debtor's limit across their accounts, recorded on each: in any currency, as the debtor's accounts
 * may be kept in several; an invoice in another currency than the limit's is then refused, as under an
 * account's limit.
 */
export function setDebtorCreditLimit(command: SetDebtorCreditLimit, state: AccountState): [DebtorCreditLimitSet] {
  requireOpen(state);
  return [debtorCreditLimitSet(command.data)];
}

/** The debtor's limit recorded on one of their accounts: set there, or taken by an account opened after it was set. */
export function debtorCreditLimitSet({ amount, currency, overLimit }: DebtorCreditLimitSet['data']): DebtorCreditLimitSet {
  requireAmount(amount);
  if (!isCurrencyCode(currency)) throw ruleBroken('UNKNOWN_CURRENCY', `${currency} is not an ISO 4217 currency code.`, { field: 'currency', currency });
  requirePolicy(overLimit);
  return { type: 'DebtorCreditLimitSet', data: { amount, currency, overLimit } };
}

function requirePolicy(overLimit: OverLimitPolicy): void {
  if (!overLimitPolicies.includes(overLimit)) {
    throw ruleBroken('INVALID_CREDIT_POLICY', `overLimit must be one of ${overLimitPolicies.join(', ')}.`, { field: 'overLimit' });
  }
}

/** Lifting the policy needs one in force: removing nothing is a mistake worth saying. */
export function removeCreditLimit(_command: RemoveCreditLimit, state: AccountState): [CreditLimitRemoved] {
  const account = requireOpen(state);
  if (!account.creditLimit) throw ruleBroken('NO_CREDIT_LIMIT', 'The account has no credit limit to remove.');
  return [{ type: 'CreditLimitRemoved', data: {} }];
}

/**
 * Lifts the debtor's policy from one of their accounts. An account that does not hold it changes
 * nothing: the removal is sent to each of the debtor's accounts, and one of them may never have taken
 * the limit, or have had it lifted by an earlier removal that stopped halfway.
 */
export function removeDebtorCreditLimit(_command: RemoveDebtorCreditLimit, state: AccountState): DebtorCreditLimitRemoved[] {
  const account = requireOpen(state);
  return account.debtorCreditLimit ? [{ type: 'DebtorCreditLimitRemoved', data: {} }] : [];
}

export function decideCreditApproval(command: DecideCreditApproval, state: AccountState): [CreditApprovalDecided] {
  const account = requireOpen(state);
  const { invoiceId, decision, note } = command.data;
  if (!entryOf(account.creditApprovals ?? {}, invoiceId)) {
    throw ruleBroken('NO_CREDIT_APPROVAL_PENDING', `Invoice ${invoiceId} is not waiting for a credit approval.`, { invoiceId });
  }
  return [{ type: 'CreditApprovalDecided', data: { invoiceId, decision, note: note?.trim() || null } }];
}

/** A report is a fact about the debtor as of its date: recorded whatever it says, once it is well formed, while the debtor's data is kept. */
export function recordCreditReport(command: RecordCreditReport, state: AccountState): [CreditReportRecorded] {
  const account = requireOpen(state);
  requireReportableDebtor(account);
  requireValidReport(command.data, todayFor(account, command.now));
  const { bureau, score, scaleMin, scaleMax, reportedOn, reasonCodes, source } = command.data;
  return [{ type: 'CreditReportRecorded', data: { bureau: bureau.trim(), score, scaleMin, scaleMax, reportedOn, reasonCodes: [...reasonCodes], source } }];
}

export const creditDecisions: Decisions<CreditCommand> = {
  SetCreditLimit: setCreditLimit,
  RemoveCreditLimit: removeCreditLimit,
  SetDebtorCreditLimit: setDebtorCreditLimit,
  RemoveDebtorCreditLimit: removeDebtorCreditLimit,
  DecideCreditApproval: decideCreditApproval,
  RecordCreditReport: recordCreditReport,
};
