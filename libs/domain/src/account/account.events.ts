import type { IsoDate } from '../calendar/calendar';
import type { ContactChannel } from '../compliance/contact-policy';
import type { StepAction, StrategyArm } from '../timeline/strategy';

/** Where letters reach the debtor. */
export interface PostalAddress {
  lines: string[];
  city: string;
  region?: string;
  postalCode?: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

/** What the debtor told us about how and where to reach them. Personal data: never logged. */
export interface Debtor {
  reference: string;
  name?: string;
  timeZone: string;
  /** Other zones the debtor may be in (a phone's area, a second address): contact hours must hold in each. */
  otherTimeZones?: string[];
  email?: string;
  phone?: string;
  address?: PostalAddress;
  /** Set once the personal fields are gone for good (their key destroyed): what is left is pseudonymous. */
  personalDataErased?: true;
}

/** The debtor's fields that identify a person: stored encrypted, and erasable. */
export const personalFields = ['name', 'email', 'phone', 'address'] as const satisfies readonly (keyof Debtor)[];

/** What is left of a debtor without the personal fields: the reference and zones the collection rules need. */
export function withoutPersonalData(debtor: Debtor): Omit<Debtor, (typeof personalFields)[number]> {
  const kept: Debtor = { reference: debtor.reference, timeZone: debtor.timeZone };
  if (debtor.otherTimeZones) kept.otherTimeZones = debtor.otherTimeZones;
  return kept;
}

/** The debtor without personal fields, marked as erased. */
export const erasedDebtor = (debtor: Debtor): Debtor => ({ ...withoutPersonalData(debtor), personalDataErased: true });

export type LateFeeRule = { type: 'flat'; amount: number } | { type: 'percent'; percent: number };

export interface InvoiceTerms {
  graceDays: number;
  lateFee?: LateFeeRule;
  /** Paying the whole invoice within `withinDays` of its issue date earns `percent` off. */
  earlyPaymentDiscount?: { percent: number; withinDays: number };
}

export interface Allocation {
  invoiceId: string;
  amount: number;
}

export interface InstallmentAllocation {
  installment: number;
  amount: number;
}

export interface Installment {
  /** 1-based, in due-date order. */
  number: number;
  dueOn: IsoDate;
  amount: number;
}

export interface AccountOpened {
  type: 'AccountOpened';
  data: { accountId: string; creditorId: string; debtor: Debtor };
}
export interface InvoiceIssued {
  type: 'InvoiceIssued';
  data: {
    invoiceId: string;
    amount: number;
    currency: string;
    issuedOn: IsoDate;
    dueOn: IsoDate;
    terms: InvoiceTerms;
  };
}
/** Credit left by an earlier overpayment, used to settle a newly issued invoice. */
export interface CreditApplied {
  type: 'CreditApplied';
  data: { invoiceId: string; amount: number; currency: string };
}
export interface PaymentReceived {
  type: 'PaymentReceived';
  data: {
    paymentId: string;
    amount: number;
    currency: string;
    receivedOn: IsoDate;
    method: string;
    /** Oldest open amount first; what is left over is `credited`. */
    allocations: Allocation[];
    /** Non-empty while a plan is active: which installments this payment paid towards. */
    installmentAllocations: InstallmentAllocation[];
    credited: number;
    /** Set when the agency holding the account collected it. */
    agencyId?: string;
  };
}
export interface EarlyPaymentDiscountApplied {
  type: 'EarlyPaymentDiscountApplied';
  data: { invoiceId: string; paymentId: string; amount: number; currency: string; percent: number };
}
export interface PaymentMissed {
  type: 'PaymentMissed';
  data: { invoiceId: string; dueOn: IsoDate; overdueAmount: number; currency: string; missedOn: IsoDate };
}
export interface LateFeeAssessed {
  type: 'LateFeeAssessed';
  data: { invoiceId: string; amount: number; currency: string; assessedOn: IsoDate; rule: LateFeeRule };
}
export interface PlanAgreed {
  type: 'PlanAgreed';
  data: {
    planId: string;
    currency: string;
    agreedOn: IsoDate;
    installments: Installment[];
    /** The balance the plan covers, per invoice; its sum equals the installments' sum. */
    covers: Allocation[];
  };
}
export interface InstallmentPaid {
  type: 'InstallmentPaid';
  data: { planId: string; installment: number; paymentId: string };
}
export interface PlanCompleted {
  type: 'PlanCompleted';
  data: { planId: string; paymentId: string };
}
export interface AccountClosed {
  type: 'AccountClosed';
  data: { closedOn: IsoDate; reason?: string };
}

/** An agent took the account to work it, alone, until `until` (an instant). */
export interface AccountClaimed {
  type: 'AccountClaimed';
  data: { agentId: string; until: string };
}
export interface AccountClaimReleased {
  type: 'AccountClaimReleased';
  data: { agentId: string };
}

export const contactOutcomes = ['no_answer', 'left_message', 'right_party_contact', 'wrong_party', 'refused_to_pay'] as const;
export type ContactOutcome = (typeof contactOutcomes)[number];
export type ContactDirection = 'inbound' | 'outbound';

/** A contact made or attempted, at `at` (an instant), by the agent in the metadata. */
export interface ContactAttempted {
  type: 'ContactAttempted';
  data: { channel: ContactChannel; direction: ContactDirection; outcome: ContactOutcome; at: string };
}
export interface NoteAdded {
  type: 'NoteAdded';
  data: { text: string };
}
export interface AccountAssigned {
  type: 'AccountAssigned';
  data: { agentId: string };
}
/** The debtor promised to pay `amount` by `dueOn`; payments up to `graceDays` later still count. */
export interface PromiseToPayMade {
  type: 'PromiseToPayMade';
  data: { promiseId: string; amount: number; currency: string; dueOn: IsoDate; graceDays: number; madeOn: IsoDate };
}
export interface PromiseKept {
  type: 'PromiseKept';
  data: { promiseId: string; paid: number };
}
export interface PromiseBroken {
  type: 'PromiseBroken';
  data: { promiseId: string; amount: number; paid: number };
}
export interface InstallmentMissed {
  type: 'InstallmentMissed';
  data: { planId: string; installment: number; dueOn: IsoDate; unpaid: number };
}
/** Too many installments were missed: the plan ends and what it still covered is collected as before. */
export interface PlanBroken {
  type: 'PlanBroken';
  data: { planId: string; missedInstallments: number; remaining: number };
}
export interface DeadlineExtended {
  type: 'DeadlineExtended';
  data: { planId: string; installment: number; previousDueOn: IsoDate; dueOn: IsoDate };
}
/** The debtor disputes one invoice or, without `invoiceId`, the whole account: `amount` was owed then. */
export interface DisputeRaised {
  type: 'DisputeRaised';
  data: { disputeId: string; invoiceId: string | null; reason: string; amount: number; currency: string; raisedOn: IsoDate };
}
/** Upheld: the disputed balance is adjusted off. Rejected: validation was provided; collection resumes. */
export interface DisputeResolved {
  type: 'DisputeResolved';
  data: { disputeId: string; outcome: 'upheld' | 'rejected'; adjustments: Allocation[] };
}
export interface CeaseCommunicationRequested {
  type: 'CeaseCommunicationRequested';
  data: { requestedOn: IsoDate };
}
export interface ChannelBlocked {
  type: 'ChannelBlocked';
  data: { channel: ContactChannel };
}
export interface ChannelUnblocked {
  type: 'ChannelUnblocked';
  data: { channel: ContactChannel };
}
export interface HardshipFlagged {
  type: 'HardshipFlagged';
  data: { note: string | null };
}
/** Collection stops through `until` (a date, inclusive, in the debtor's zone), or until released. */
export interface HoldPlaced {
  type: 'HoldPlaced';
  data: { holdId: string; reason: string; until: IsoDate };
}
export interface HoldReleased {
  type: 'HoldReleased';
  data: { holdId: string; reason: 'released' | 'expired' };
}
/** Paying `amount` by `dueOn` settles the `settles` balance owed at agreement; the rest is written off. */
export interface SettlementAgreed {
  type: 'SettlementAgreed';
  data: { settlementId: string; amount: number; currency: string; dueOn: IsoDate; settles: number };
}
export interface SettlementCompleted {
  type: 'SettlementCompleted';
  data: { settlementId: string; paymentId: string; writtenOff: Allocation[] };
}
export interface SettlementLapsed {
  type: 'SettlementLapsed';
  data: { settlementId: string; paid: number };
}
export interface DebtWrittenOff {
  type: 'DebtWrittenOff';
  data: { reason: string; allocations: Allocation[] };
}
export interface PlacedWithAgency {
  type: 'PlacedWithAgency';
  data: { agencyId: string; placedOn: IsoDate; balance: number };
}
export interface RecalledFromAgency {
  type: 'RecalledFromAgency';
  data: { agencyId: string };
}
export interface EscalatedToLegal {
  type: 'EscalatedToLegal';
  data: { escalatedOn: IsoDate; reason: string | null };
}
/** The validation notice (1006.34) went out; the debtor may dispute until `periodEndsOn`. */
export interface ValidationNoticeSent {
  type: 'ValidationNoticeSent';
  data: { channel: ContactChannel; sentAt: string; periodEndsOn: IsoDate };
}

/** The scheduler started an invoice on a strategy's timeline; nothing is due before `nextStepOn`. */
export interface CollectionTimelineStarted {
  type: 'CollectionTimelineStarted';
  data: { invoiceId: string; strategyId: string; arm: StrategyArm; nextStepOn: IsoDate | null };
}
/** A timeline step ran (its own effects follow as events of their own). */
export interface CollectionStepTaken {
  type: 'CollectionStepTaken';
  data: { invoiceId: string; step: string; action: StepAction['kind']; strategyId: string; arm: StrategyArm; nextStepOn: IsoDate | null };
}
/** A timeline step fell due but was moot (a plan, dispute, hold, cease, stale…): it will not run. */
export interface CollectionStepSkipped {
  type: 'CollectionStepSkipped';
  data: { invoiceId: string; step: string; reason: StepSkipReason; strategyId: string; arm: StrategyArm; nextStepOn: IsoDate | null };
}
export type StepSkipReason = 'plan' | 'dispute' | 'hold' | 'cease' | 'channel_blocked' | 'with_agency' | 'in_legal' | 'stale' | 'no_late_fee_terms';
/** A reminder was queued for the debtor; the outbox delivers it at least once, by this id. */
export interface ReminderSent {
  type: 'ReminderSent';
  data: { notificationId: string; invoiceId: string; step: string; channel: ContactChannel; template: string; amount: number; currency: string; dueOn: IsoDate; sentAt: string };
}

/** The debtor's personal fields were erased (their data key destroyed); amounts and dates stay. */
export interface PersonalDataErased {
  type: 'PersonalDataErased';
  data: { debtorReference: string; erasedOn: IsoDate };
}

/** Every fact recorded on an account stream. The `type` strings are stored: never rename them. */
export type AccountEvent = LedgerEvent | WorkflowEvent;

/** The account's lifecycle, billing, payments and plans, and claims. */
export type LedgerEvent =
  | AccountOpened
  | InvoiceIssued
  | CreditApplied
  | PaymentReceived
  | EarlyPaymentDiscountApplied
  | PaymentMissed
  | LateFeeAssessed
  | PlanAgreed
  | InstallmentPaid
  | PlanCompleted
  | AccountClosed
  | AccountClaimed
  | AccountClaimReleased
  | PersonalDataErased;

/** The collections workflow: interactions, arrangements, disputes, restrictions and resolutions. */
export type WorkflowEvent =
  | ContactAttempted
  | NoteAdded
  | AccountAssigned
  | PromiseToPayMade
  | PromiseKept
  | PromiseBroken
  | InstallmentMissed
  | PlanBroken
  | DeadlineExtended
  | DisputeRaised
  | DisputeResolved
  | CeaseCommunicationRequested
  | ChannelBlocked
  | ChannelUnblocked
  | HardshipFlagged
  | HoldPlaced
  | HoldReleased
  | SettlementAgreed
  | SettlementCompleted
  | SettlementLapsed
  | DebtWrittenOff
  | PlacedWithAgency
  | RecalledFromAgency
  | EscalatedToLegal
  | ValidationNoticeSent
  | CollectionTimelineStarted
  | CollectionStepTaken
  | CollectionStepSkipped
  | ReminderSent;

export type AccountEventType = AccountEvent['type'];

/** Every account event type, for readers that subscribe by type. */
export const accountEventTypes = [
  'AccountOpened',
  'InvoiceIssued',
  'CreditApplied',
  'PaymentReceived',
  'EarlyPaymentDiscountApplied',
  'PaymentMissed',
  'LateFeeAssessed',
  'PlanAgreed',
  'InstallmentPaid',
  'PlanCompleted',
  'AccountClosed',
  'AccountClaimed',
  'AccountClaimReleased',
  'ContactAttempted',
  'NoteAdded',
  'AccountAssigned',
  'PromiseToPayMade',
  'PromiseKept',
  'PromiseBroken',
  'InstallmentMissed',
  'PlanBroken',
  'DeadlineExtended',
  'DisputeRaised',
  'DisputeResolved',
  'CeaseCommunicationRequested',
  'ChannelBlocked',
  'ChannelUnblocked',
  'HardshipFlagged',
  'HoldPlaced',
  'HoldReleased',
  'SettlementAgreed',
  'SettlementCompleted',
  'SettlementLapsed',
  'DebtWrittenOff',
  'PlacedWithAgency',
  'RecalledFromAgency',
  'EscalatedToLegal',
  'ValidationNoticeSent',
  'CollectionTimelineStarted',
  'CollectionStepTaken',
  'CollectionStepSkipped',
  'ReminderSent',
  'PersonalDataErased',
] as const satisfies readonly AccountEventType[];

// Fails to compile when an event type is missing from the list above.
const everyTypeListed: [Exclude<AccountEventType, (typeof accountEventTypes)[number]>] extends [never] ? true : never = true;
void everyTypeListed;

/** Stream holding one account's events. */
export const accountStream = (accountId: string) => `account-${accountId}`;
