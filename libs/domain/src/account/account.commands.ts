import type { IsoDate } from '../calendar/calendar';
import type { ContactChannel, ContactPolicies } from '../compliance/contact-policy';
import type { CollectionStrategy, StrategyArm } from '../timeline/strategy';
import type { ContactDirection, ContactOutcome, Debtor, InvoiceTerms } from './account.events';

/**
 * Every command carries `now`, the instant it is decided at (from the injected clock), so the
 * decider stays pure and tests can put it anywhere in time.
 */
interface Command<Type extends string, Data> {
  type: Type;
  data: Data;
  now: string;
}

export type OpenAccount = Command<'OpenAccount', { accountId: string; creditorId: string; debtor: Debtor }>;
export type IssueInvoice = Command<
  'IssueInvoice',
  { invoiceId: string; amount: number; currency: string; issuedOn: IsoDate; dueOn: IsoDate; terms?: InvoiceTerms }
>;
export type RecordPayment = Command<
  'RecordPayment',
  { paymentId: string; amount: number; currency: string; receivedOn: IsoDate; method: string; agencyId?: string }
>;
export type MarkPaymentMissed = Command<'MarkPaymentMissed', { invoiceId: string }>;
export type AssessLateFee = Command<'AssessLateFee', { invoiceId: string }>;
export type AgreePlan = Command<
  'AgreePlan',
  {
    planId: string;
    currency: string;
    installments: { dueOn: IsoDate; amount: number }[];
    /** Which invoices the plan covers; all open invoices when absent. */
    invoiceIds?: string[];
  }
>;
export type CloseAccount = Command<'CloseAccount', { reason?: string }>;
/** Erases the debtor's personal fields; again on an erased account, it does nothing (a retry). */
export type ErasePersonalData = Command<'ErasePersonalData', Record<string, never>>;

/** An agent takes the account for `minutes`; the same agent claiming again extends it. */
export type ClaimAccount = Command<'ClaimAccount', { agentId: string; minutes: number }>;
export type ReleaseAccountClaim = Command<'ReleaseAccountClaim', { agentId: string }>;

/** Outbound contacts are checked against the creditor's contact rule set; `at` defaults to now. */
export type LogContactAttempt = Command<
  'LogContactAttempt',
  { channel: ContactChannel; direction: ContactDirection; outcome: ContactOutcome; at?: string; policies: ContactPolicies }
>;
export type AddNote = Command<'AddNote', { text: string }>;
export type AssignAgent = Command<'AssignAgent', { agentId: string }>;
export type RecordPromiseToPay = Command<
  'RecordPromiseToPay',
  { promiseId: string; amount: number; currency: string; dueOn: IsoDate; graceDays: number }
>;
/** Once its due date plus grace has passed: kept or broken, by the payments received. */
export type ResolvePromise = Command<'ResolvePromise', { promiseId: string }>;
/** Once an installment's due date plus grace has passed unpaid; `breakAfter` missed ones break the plan. */
export type MarkInstallmentMissed = Command<'MarkInstallmentMissed', { planId: string; installment: number; graceDays: number; breakAfter: number }>;
export type ExtendDeadline = Command<'ExtendDeadline', { planId: string; installment: number; dueOn: IsoDate }>;
export type RaiseDispute = Command<'RaiseDispute', { disputeId: string; invoiceId?: string; reason: string }>;
export type ResolveDispute = Command<'ResolveDispute', { disputeId: string; outcome: 'upheld' | 'rejected' }>;
export type RequestCeaseCommunication = Command<'RequestCeaseCommunication', Record<string, never>>;
export type BlockChannel = Command<'BlockChannel', { channel: ContactChannel }>;
export type UnblockChannel = Command<'UnblockChannel', { channel: ContactChannel }>;
export type FlagHardship = Command<'FlagHardship', { note?: string }>;
export type PlaceHold = Command<'PlaceHold', { holdId: string; reason: string; until: IsoDate }>;
/** `expired`: the scheduler ends a hold whose last day has passed; otherwise someone lifts it early. */
export type ReleaseHold = Command<'ReleaseHold', { holdId: string; expired?: boolean }>;
export type AgreeSettlement = Command<'AgreeSettlement', { settlementId: string; amount: number; currency: string; dueOn: IsoDate }>;
export type LapseSettlement = Command<'LapseSettlement', { settlementId: string }>;
export type WriteOff = Command<'WriteOff', { reason: string }>;
export type PlaceWithAgency = Command<'PlaceWithAgency', { agencyId: string }>;
export type RecallFromAgency = Command<'RecallFromAgency', Record<string, never>>;
export type EscalateToLegal = Command<'EscalateToLegal', { reason?: string }>;
export type SendValidationNotice = Command<'SendValidationNotice', { channel: ContactChannel; policies: ContactPolicies }>;
/**
 * Runs the invoice's collection timeline up to today: starts it on `strategy` the first time, then
 * takes (or skips, when moot) each step that has fallen due, once, in date order.
 */
export type AdvanceCollectionTimeline = Command<
  'AdvanceCollectionTimeline',
  { invoiceId: string; strategy: CollectionStrategy; arm: StrategyArm; policies: ContactPolicies }
>;

export type AccountCommand =
  | OpenAccount
  | IssueInvoice
  | RecordPayment
  | MarkPaymentMissed
  | AssessLateFee
  | AgreePlan
  | CloseAccount
  | ErasePersonalData
  | ClaimAccount
  | ReleaseAccountClaim
  | LogContactAttempt
  | AddNote
  | AssignAgent
  | RecordPromiseToPay
  | ResolvePromise
  | MarkInstallmentMissed
  | ExtendDeadline
  | RaiseDispute
  | ResolveDispute
  | RequestCeaseCommunication
  | BlockChannel
  | UnblockChannel
  | FlagHardship
  | PlaceHold
  | ReleaseHold
  | AgreeSettlement
  | LapseSettlement
  | WriteOff
  | PlaceWithAgency
  | RecallFromAgency
  | EscalateToLegal
  | SendValidationNotice
  | AdvanceCollectionTimeline;
