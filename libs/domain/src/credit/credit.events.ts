import { eventTypesOf } from '../account/event-types';
import type { IsoDate } from '../calendar/calendar';

/** What the creditor does with an invoice that would take the account's exposure past its limit. */
export type OverLimitPolicy = 'refuse' | 'warn' | 'approve';
export const overLimitPolicies = ['refuse', 'warn', 'approve'] as const satisfies readonly OverLimitPolicy[];

/**
 * The account's credit policy, replacing any before it: how much it may owe (`amount`, minor units of
 * `currency`), what an invoice past that does, and the longest terms an invoice may have (days from
 * its issue to its due date; null: any).
 */
export interface CreditLimitSet {
  type: 'CreditLimitSet';
  data: { amount: number; currency: string; overLimit: OverLimitPolicy; maxTermDays: number | null };
}
/**
 * The debtor's credit policy across all their accounts with the creditor, as this account holds it
 * (recorded on each of them, replacing any before it): how much the debtor may owe on them together,
 * in minor units of `currency`, and what an invoice past that does.
 */
export interface DebtorCreditLimitSet {
  type: 'DebtorCreditLimitSet';
  data: { amount: number; currency: string; overLimit: OverLimitPolicy };
}
/**
 * The debtor's credit policy across their accounts with the creditor was lifted, as this account holds
 * it (recorded on each of their accounts that held it): invoices are no longer checked against what the
 * debtor owes on all of them. Invoices flagged for approval stay flagged until a supervisor decides them.
 */
export interface DebtorCreditLimitRemoved {
  type: 'DebtorCreditLimitRemoved';
  data: Record<string, never>;
}
/**
 * The account's credit policy was lifted: invoices are no longer checked against a limit or terms.
 * Invoices already flagged for approval stay flagged until a supervisor decides them.
 */
export interface CreditLimitRemoved {
  type: 'CreditLimitRemoved';
  data: Record<string, never>;
}
/**
 * An invoice took the account past its limit and was accepted, as the creditor's policy says: with a
 * warning, or flagged for a supervisor's approval. `exposure` is what the account owes with it; with
 * `scope: 'debtor'`, the limit is the debtor's and `exposure` what the debtor owes on all their
 * accounts with the creditor (absent: the account's own limit).
 */
export interface CreditLimitExceeded {
  type: 'CreditLimitExceeded';
  data: { invoiceId: string; limit: number; exposure: number; currency: string; overLimit: 'warn' | 'approve'; scope?: 'debtor' };
}
export type CreditApprovalDecision = 'approved' | 'declined';
/** A supervisor's answer to an invoice flagged for approval; the flag is lifted either way. */
export interface CreditApprovalDecided {
  type: 'CreditApprovalDecided';
  data: { invoiceId: string; decision: CreditApprovalDecision; note: string | null };
}

/** Where a credit report came from: sent to us, or fetched from the bureau through its port. */
export type CreditReportSource = 'submitted' | 'bureau';
/**
 * A bureau's report on the debtor as of `reportedOn`: `score` on the bureau's scale (`scaleMin` worst,
 * `scaleMax` best) and the reason codes the bureau gives for it.
 */
export type CreditReport = {
  bureau: string;
  score: number;
  scaleMin: number;
  scaleMax: number;
  reportedOn: IsoDate;
  reasonCodes: string[];
  source: CreditReportSource;
};
/** A report whose sealed part (score, reason codes) can no longer be read: the debtor's data key is destroyed. */
export type ErasedCreditReport = Omit<CreditReport, 'score' | 'reasonCodes'> & { erased: true };
export interface CreditReportRecorded {
  type: 'CreditReportRecorded';
  data: CreditReport | ErasedCreditReport;
}

/** The credit part of the account's events. */
export type CreditEvent =
  CreditLimitSet | CreditLimitRemoved | DebtorCreditLimitSet | DebtorCreditLimitRemoved | CreditLimitExceeded | CreditApprovalDecided | CreditReportRecorded;

/** Every credit event type. */
export const creditEventTypes = eventTypesOf<CreditEvent>()([
  'CreditLimitSet',
  'CreditLimitRemoved',
  'DebtorCreditLimitSet',
  'DebtorCreditLimitRemoved',
  'CreditLimitExceeded',
  'CreditApprovalDecided',
  'CreditReportRecorded',
]);

/** The parts of a credit report that are about the person, sealed under the debtor's data key. */
export const sealedCreditReportFields = ['score', 'reasonCodes'] as const satisfies readonly (keyof CreditReport)[];
