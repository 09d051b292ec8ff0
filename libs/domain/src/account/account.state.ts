import type { InteractionsState } from '../interactions/interactions.state';
import type { IsoDate } from '../calendar/calendar';
import type { ContactChannel } from '../compliance/contact-policy';
import type { StrategyArm } from '../timeline/strategy';
import type { StepDeferReason } from '../timeline/timeline.events';
import type { Debtor } from '../accounts/debtor';
import type { IssuedInvoice } from '../billing/billing.events';
import type { Installment } from '../plans/plans.events';
import type { Allocation } from './allocation';
import type { DebtType } from '../compliance/limitations';
import type { PortalState } from '../portal/portal.state';
import type { CreditApprovalState, CreditLimitState, DebtorCreditLimitState } from '../credit/credit.state';
import { sharedEntries, sharedEntryOf, withSharedEntry, type SharedRegistry } from '../lookup/shared-registry';

/** An invoice as issued (InvoiceIssued's data), and what has happened to it since. */
export interface InvoiceState extends IssuedInvoice {
  /** Order of issue, the last tie-breaker of "oldest first". */
  sequence: number;
  paid: number;
  /** Of `paid`, what came from the account's credit (CreditApplied), less what reversals reopened of it. */
  creditApplied: number;
  discounted: number;
  lateFees: number;
  lateFeeAssessed: boolean;
  missed: boolean;
  /** Taken off without payment: an upheld dispute, a write-off, a settlement's remainder. */
  adjusted: number;
  /**
   * How many payments not reversed were received towards it on each day, by day: a part payment may
   * restart the statute of limitations. Shared, so that folding a payment never copies every day before it.
   */
  paidOn: SharedRegistry<number>;
  /** Where the invoice is on its collection timeline; null until the scheduler starts it. */
  timeline: InvoiceTimeline | null;
}

export interface InvoiceTimeline {
  strategyId: string;
  arm: StrategyArm;
  /** Steps that fell due, each once: taken or skipped. */
  steps: Record<string, 'taken' | 'skipped'>;
  /** Steps that fell due while a plan, dispute or hold was in force, waiting for it to end. */
  deferred: Record<string, StepDeferral>;
  /** When the next step neither taken, skipped nor deferred falls due; null when none is left. */
  nextStepOn: IsoDate | null;
}

export interface StepDeferral {
  reason: StepDeferReason;
  /** The step's own date. */
  dueOn: IsoDate;
}

export interface InstallmentState extends Installment {
  paid: number;
  missed: boolean;
}

/**
 * A payment as received, and what of it still stands: its allocations, installment allocations, credit
 * and discounts shrink as reversals take them back (the last of each first), so the next reversal
 * starts where the previous one stopped.
 */
export interface PaymentState {
  paymentId: string;
  amount: number;
  receivedOn: IsoDate;
  agencyId: string | null;
  /** Not yet reversed: to invoices, in the order paid (the plan's invoices first, then oldest first). */
  allocations: Allocation[];
  /** Not yet reversed: to the installments of `planId`, in order. */
  installmentAllocations: { installment: number; amount: number }[];
  /** The plan in force when it was received, whose installments it paid; null without one. */
  planId: string | null;
  /** Not yet reversed: what it left as credit. */
  credited: number;
  /** The early-payment discounts it earned, not withdrawn. */
  discounts: Allocation[];
  reversed: number;
}

export interface PlanState {
  planId: string;
  installments: InstallmentState[];
  coveredInvoiceIds: string[];
}

export interface OpenedAccount {
  status: 'open' | 'closed';
  accountId: string;
  creditorId: string;
  debtor: Debtor;
  /** What kind of debt the account is, for the statute of limitations (`defaultDebtType` when opened without one). */
  debtType: DebtType;
  /** The business date it opened; null only for an opening recorded before the date was (see loadAccount). */
  openedOn: IsoDate | null;
  /** Fixed by the first invoice or payment: an account keeps one currency. */
  currency: string | null;
  invoices: Record<string, InvoiceState>;
  /**
   * Each payment received, by id, with what of it is not reversed yet: a reversal reopens what it paid.
   * Shared (see SharedRegistry): folding a payment never copies every payment before it.
   */
  payments: SharedRegistry<PaymentState>;
  /** The reversals recorded, by id: the same one again changes nothing. */
  reversalIds: SharedRegistry<true>;
  planIds: Record<string, true>;
  /** How many plans were broken (absent on accounts folded before it was counted: none known). */
  plansBroken?: number;
  activePlan: PlanState | null;
  /** Overpaid money not yet used by an invoice. */
  credit: number;
  /** The agent working the account, until an instant; it lapses by itself. */
  claim: AccountClaim | null;
  assignedAgentId: string | null;
  /** The interactions capability's part of the account. */
  interactions: InteractionsState;
  promises: Record<string, PromiseState>;
  disputes: Record<string, DisputeState>;
  /** The debtor's requests for the original creditor's name and address (12 CFR 1006.38(c)). */
  creditorRequests: Record<string, CreditorRequestState>;
  holds: Record<string, HoldState>;
  restrictions: { ceaseRequested: boolean; blockedChannels: ContactChannel[]; hardship: boolean };
  /** The validation notice once sent; `receivedOn` is absent for a notice recorded before it was kept. */
  validationNotice: { sentAt: string; periodEndsOn: IsoDate; receivedOn?: IsoDate } | null;
  settlementIds: Record<string, true>;
  activeSettlement: SettlementState | null;
  agency: { agencyId: string; placedOn: IsoDate } | null;
  legal: { escalatedOn: IsoDate } | null;
  /** The notices the law allows only once, by `onceOnlyKey`, and when each went out. */
  noticesSent: Record<string, string>;
  /** The resolution of what the account owed, until a new invoice is issued. */
  resolution: ResolutionState | null;
  /** Under a cease request, the debtor asked to be sent the confirmation of a resolution all the same. */
  resolutionConfirmationRequested: boolean;
  /** The portal links revoked or locked, and wrong answers in a row (absent until the portal is first used). */
  portal?: PortalState;
  /** Settlements a supervisor offered the debtor, by id, until accepted or expired. */
  settlementOffers?: Record<string, SettlementOffer>;
  /** When the debtor's personal data was erased on this account (PersonalDataErased); absent until it is. */
  personalDataErasedOn?: IsoDate;
  /** The latest credit report recorded for the debtor, by its date; absent until one is. */
  latestCreditReport?: CreditReportState;
  /** The credit policy in force (limit, what passing it does, longest terms); absent until one is set. */
  creditLimit?: CreditLimitState;
  /** The debtor's credit policy across their accounts with the creditor; absent until one is set. */
  debtorCreditLimit?: DebtorCreditLimitState;
  /** Invoices accepted past the limit under the `approve` policy, by invoice id, until a supervisor decides. */
  creditApprovals?: Record<string, CreditApprovalState>;
}

/** A bureau's score for the debtor on `reportedOn`, on the bureau's scale from `scaleMin` (worst) to `scaleMax`. */
export interface CreditReportState {
  bureau: string;
  score: number;
  scaleMin: number;
  scaleMax: number;
  reportedOn: IsoDate;
}

/** Paying `amount` by `dueOn` would settle the balance, if the debtor accepts by `expiresOn`. */
export interface SettlementOffer {
  offerId: string;
  amount: number;
  currency: string;
  dueOn: IsoDate;
  expiresOn: IsoDate;
}

export interface PromiseState {
  promiseId: string;
  amount: number;
  dueOn: IsoDate;
  graceDays: number;
  madeOn: IsoDate;
  /** Received from the promise's day up to its due date plus grace. */
  paid: number;
  status: 'open' | 'kept' | 'broken';
}

export interface DisputeState {
  disputeId: string;
  invoiceId: string | null;
  amount: number;
  status: 'open' | 'upheld' | 'rejected';
  /** False for a dispute received after the validation period that the creditor's policy only records. */
  pausesCollection: boolean;
  /** The business date it was raised: no verification sent before it answers it. */
  raisedOn: IsoDate;
}
/** A request for the original creditor's name and address: collection of the debt waits for the answer. */
export interface CreditorRequestState {
  requestId: string;
  /** The debt asked about; null: the account as a whole. */
  invoiceId: string | null;
  status: 'open' | 'answered';
}

export interface HoldState {
  holdId: string;
  reason: string;
  until: IsoDate;
  active: boolean;
}

export interface SettlementState {
  settlementId: string;
  amount: number;
  dueOn: IsoDate;
  settles: number;
  /** Received since the settlement was agreed. */
  paid: number;
}

/** What is left to pay of a settlement: paying it completes the settlement. */
export const settlementLeft = (settlement: Pick<SettlementState, 'amount' | 'paid'>): number => Math.max(0, settlement.amount - settlement.paid);

/** How an account's balance came to nothing, with the debtor's money: the resolutions thanked and confirmed. */
export type ResolutionKind = 'paid_in_full' | 'settled' | 'plan_completed';

/** The account's debts are resolved; what was owed is no longer, until a new invoice is issued. */
export interface ResolutionState {
  how: ResolutionKind;
  /** The day of the payment that resolved it. */
  resolvedOn: IsoDate;
  /** The thank-you and confirmation went out (a NoticeSent of purpose `resolution_confirmation`). */
  confirmed: boolean;
}

export interface AccountClaim {
  agentId: string;
  until: string;
}

/** The claim still running at `now`, if any. */
export const activeClaim = (account: Pick<OpenedAccount, 'claim'>, now: string): AccountClaim | null =>
  account.claim && Date.parse(account.claim.until) > Date.parse(now) ? account.claim : null;

export type AccountState = { status: 'unopened' } | OpenedAccount;

export const initialAccountState = (): AccountState => ({ status: 'unopened' });

/**
 * The version of what a history folds into (`evolve` and `AccountState`): raise it when either changes
 * the state a history leaves, so that snapshots folded by an earlier release are not used.
 * 2: a call the debtor refused to pay in is a conversation (`isConversation`), as a right-party contact is; a
 *    dispute keeps the day it was raised.
 * 3: a payment received within a broken promise's days counts towards it (`countsTowardPromise`), which a payment
 *    recorded late may keep after all.
 */
export const accountFoldVersion = 3;

/** The days payments not reversed were received towards an invoice, each once, earliest first. */
export const paidDays = (invoice: Pick<InvoiceState, 'paidOn'>): IsoDate[] =>
  sharedEntries(invoice.paidOn)
    .map(([day]) => day)
    .sort();

/** The days paid on with one payment more (`change` 1) or less (-1) on `day`; a day without one is dropped. */
export function paidOnChanged(paidOn: SharedRegistry<number>, day: IsoDate, change: 1 | -1): SharedRegistry<number> {
  const count = (sharedEntryOf(paidOn, day) ?? 0) + change;
  return withSharedEntry<number>(paidOn, day, count > 0 ? count : undefined);
}

/** What `outstanding` reads of an invoice. */
export type InvoiceBalance = Pick<InvoiceState, 'invoiceId' | 'amount' | 'lateFees' | 'paid' | 'discounted' | 'adjusted'>;
/** What is still owed on an invoice, fees included and discounts taken off. */
export const outstanding = (invoice: InvoiceBalance): number => invoice.amount + invoice.lateFees - invoice.paid - invoice.discounted - invoice.adjusted;

/** The promise still waiting for its date, if any. */
export const openPromise = (account: OpenedAccount): PromiseState | undefined => Object.values(account.promises).find((promise) => promise.status === 'open');

/** Holds in force on `today` (the debtor's date): placed, not released, not past their end. */
export const activeHolds = (account: Pick<OpenedAccount, 'holds'>, today: IsoDate): HoldState[] =>
  Object.values(account.holds).filter((hold) => hold.active && hold.until >= today);

/** Open invoices, oldest first: by due date, then issue date, then order of issue. */
export function openInvoicesOldestFirst(account: Pick<OpenedAccount, 'invoices'>): InvoiceState[] {
  return Object.values(account.invoices)
    .filter((invoice) => outstanding(invoice) > 0)
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.issuedOn.localeCompare(b.issuedOn) || a.sequence - b.sequence);
}

/**
 * Spreads `amount` over `invoices` in order, as much of each as it still owes. `waiver` says how
 * much of an invoice's balance is forgiven if this settles it, given what is left to spread.
 */
export function spreadOver(invoices: InvoiceState[], amount: number, waiver: (invoice: InvoiceState, remaining: number) => number = () => 0): Allocation[] {
  const allocations: Allocation[] = [];
  let remaining = amount;
  for (const invoice of invoices) {
    if (remaining <= 0) break;
    const take = Math.min(remaining, outstanding(invoice) - waiver(invoice, remaining));
    if (take > 0) allocations.push({ invoiceId: invoice.invoiceId, amount: take });
    remaining -= take;
  }
  return allocations;
}

/** What each open invoice still owes, oldest first. */
export const openBalances = (account: OpenedAccount): Allocation[] =>
  openInvoicesOldestFirst(account).map((invoice) => ({ invoiceId: invoice.invoiceId, amount: outstanding(invoice) }));

/** The sum of everything still owed on the account. */
export const totalOutstanding = (account: OpenedAccount): number => Object.values(account.invoices).reduce((sum, invoice) => sum + outstanding(invoice), 0);
