import type { CreditLimitSet, DebtorCreditLimitSet } from './credit.events';

/** The account's credit policy in force (CreditLimitSet's data). */
export type CreditLimitState = CreditLimitSet['data'];
/** The debtor's credit policy across their accounts with the creditor (DebtorCreditLimitSet's data). */
export type DebtorCreditLimitState = DebtorCreditLimitSet['data'];

/** An invoice accepted past the limit under the `approve` policy, waiting for a supervisor. */
export interface CreditApprovalState {
  invoiceId: string;
  limit: number;
  /** What the account owed with the invoice. */
  exposure: number;
  currency: string;
}
