import type { IndexSpec } from '@arrears/read-store';
import {
  addDays,
  contactSubjectOf,
  openInvoicesOldestFirst,
  outstanding as owedOn,
  pursuable,
  totalOutstanding,
  type AccountScore,
  type ContactSubject,
  type IsoDate,
  type OpenedAccount,
} from '@arrears/domain';
import type { Evolved, ProjectedDocument } from '../../projection';
import { rankOf } from './priority';

/**
 * An account as the worklist sorts and filters it, a line the account fold derives from each account
 * (see accountProjection). `listed` accounts are open, owe money, are not under a plan and may be
 * pursued by the domain's own rule (`pursuable`) on the day of their last event: the scheduler's
 * release of an expired hold is an event too. Readers add the day's condition
 * (the oldest open invoice is past due).
 */
export interface WorklistDocument extends ProjectedDocument {
  creditorId: string;
  listed: boolean;
  currency: string | null;
  outstanding: number;
  oldestDueOn: string | null;
  missedOpen: number;
  /** Absent from a line stored before broken promises were counted. */
  brokenPromises?: number;
  rank: number | null;
  /** The account's behaviour score as of its last event (see AccountDocument.score); absent from a line stored before scores. */
  score?: AccountScore | null;
  /**
   * What the expected-recovery order sorts by: overdue balance on the line's day × propensity to pay;
   * readers multiply by whether the account is contactable now. Null off the list or unscored.
   */
  recoveryRank?: number | null;
  /**
   * Invoices accepted past the credit limit and waiting for a supervisor's decision, and whether there
   * are any (what the worklist filters on); absent from a line stored before credit approvals were listed.
   */
  pendingCreditApprovals?: string[];
  creditApprovalPending?: boolean;
  /** The agent the account is assigned to (AccountAssigned), whoever claims it now. */
  assignedAgentId: string | null;
  /** The agent of the latest claim and when it lapses; readers compare with the time. */
  claimAgentId: string | null;
  claimUntil: string | null;
  /** What the contact rules read of the account. */
  contact: ContactSubject;
  /** The open invoices, oldest first, as far as a line reads them. */
  openInvoices: WorklistInvoice[];
}

/** An open invoice as a worklist line reads it. */
export interface WorklistInvoice {
  invoiceId: string;
  dueOn: IsoDate;
  /** The last day of grace: after it, an invoice not yet marked missed should be. */
  graceEndsOn: IsoDate;
  missed: boolean;
  /** Missed, and its terms carry a late fee not yet assessed. */
  lateFeeDue: boolean;
  outstanding: number;
}

/** The worklist line of an account as it stands on `today`, the debtor's date, with its score then. */
export function worklistEntry(account: OpenedAccount, today: IsoDate, score: AccountScore | null = null): Evolved<WorklistDocument> {
  const open = openInvoicesOldestFirst(account);
  const oldestDueOn = open[0]?.dueOn ?? null;
  const outstanding = totalOutstanding(account);
  const missedOpen = open.filter((invoice) => invoice.missed).length;
  const brokenPromises = Object.values(account.promises).filter((promise) => promise.status === 'broken').length;
  const openInvoices = open.map((invoice) => ({
    invoiceId: invoice.invoiceId,
    dueOn: invoice.dueOn,
    graceEndsOn: addDays(invoice.dueOn, invoice.terms.graceDays),
    missed: invoice.missed,
    lateFeeDue: invoice.missed && Boolean(invoice.terms.lateFee) && !invoice.lateFeeAssessed,
    outstanding: owedOn(invoice),
  }));
  const pendingCreditApprovals = Object.values(account.creditApprovals ?? {}).map((approval) => approval.invoiceId);
  const listed = account.status === 'open' && outstanding > 0 && account.activePlan === null && oldestDueOn !== null && pursuable(account, today);
  return {
    id: account.accountId,
    creditorId: account.creditorId,
    listed,
    currency: account.currency,
    outstanding,
    oldestDueOn,
    missedOpen,
    brokenPromises,
    rank: listed && oldestDueOn ? rankOf({ outstanding, oldestDueOn, missedOpen, brokenPromises }) : null,
    score,
    recoveryRank: listed && score ? overdueOn(openInvoices, today) * score.probability : null,
    pendingCreditApprovals,
    creditApprovalPending: pendingCreditApprovals.length > 0,
    assignedAgentId: account.assignedAgentId,
    claimAgentId: account.claim?.agentId ?? null,
    claimUntil: account.claim?.until ?? null,
    contact: contactSubjectOf(account),
    openInvoices,
  };
}

/** What is past due on `today` of the open invoices, in minor units. */
export const overdueOn = (open: { dueOn: IsoDate; outstanding: number }[], today: IsoDate): number =>
  open.reduce((sum, invoice) => (invoice.dueOn < today ? sum + invoice.outstanding : sum), 0);

export const WORKLIST = 'worklist';

/** An index's fields, each ascending but those named descending. */
const index = (name: string, fields: string[], descending: string[] = []): IndexSpec => ({
  name,
  fields: fields.map((field) => ({ field, direction: descending.includes(field) ? 'desc' : 'asc' })),
});

/**
 * The same index within one creditor: a token for some creditors, or a list asked for one, walks each creditor's
 * range (see Query.walkEach) instead of passing over every other creditor's lines.
 */
const withinCreditor = ({ name, fields }: IndexSpec): IndexSpec => ({
  name: name.replace(/^by_/, 'by_creditor_'),
  fields: [{ field: 'creditorId', direction: 'asc' }, ...fields],
});

const byPriority = index('by_priority', ['listed', 'rank', 'id'], ['rank']);
const byExpectedRecovery = index('by_expected_recovery', ['listed', 'recoveryRank', 'id'], ['recoveryRank']);
// An aging bucket's lines (a range of due dates): a bucket holding few lines is found by its range and sorted, not
// by walking the whole list in rank order past every other bucket's.
const byDue = index('by_due', ['listed', 'oldestDueOn']);

export const worklistIndexes: IndexSpec[] = [
  ...[byPriority, byExpectedRecovery, byDue].flatMap((spec) => [spec, withinCreditor(spec)]),
  // A creditor's claims that have not run out (the team view): a few lines among all of the creditor's.
  index('by_creditor_claim', ['creditorId', 'claimUntil']),
  // A supervisor's filter: the lines with invoices waiting for a credit decision, in priority order.
  index('by_credit_approval', ['listed', 'creditApprovalPending', 'rank', 'id'], ['rank']),
  index('by_agent', ['claimAgentId', 'rank', 'id'], ['rank']),
];
