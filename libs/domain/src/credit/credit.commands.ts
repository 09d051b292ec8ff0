import type { Command } from '../account/command';
import type { CreditApprovalDecision, CreditReport, OverLimitPolicy } from './credit.events';

export type SetCreditLimit = Command<'SetCreditLimit', { amount: number; currency: string; overLimit: OverLimitPolicy; maxTermDays?: number }>;
export type RemoveCreditLimit = Command<'RemoveCreditLimit', Record<string, never>>;
export type SetDebtorCreditLimit = Command<'SetDebtorCreditLimit', { amount: number; currency: string; overLimit: OverLimitPolicy }>;
export type RemoveDebtorCreditLimit = Command<'RemoveDebtorCreditLimit', Record<string, never>>;
export type DecideCreditApproval = Command<'DecideCreditApproval', { invoiceId: string; decision: CreditApprovalDecision; note?: string }>;
export type RecordCreditReport = Command<'RecordCreditReport', CreditReport>;

/** The credit part of the account's commands. */
export type CreditCommand = SetCreditLimit | RemoveCreditLimit | SetDebtorCreditLimit | RemoveDebtorCreditLimit | DecideCreditApproval | RecordCreditReport;
