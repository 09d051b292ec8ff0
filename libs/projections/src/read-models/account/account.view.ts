import {
  activeClaim,
  callStatus,
  agingBucket,
  dateIn,
  daysPastDue,
  debtorExposureOf,
  debtorHeadroomOf,
  exposureOf,
  headroomOf,
  openInvoicesOldestFirst,
  outstanding,
  totalOutstanding,
  policyFor,
  timeBarOf,
  type ContactPolicies,
  type OpenedAccount,
} from '@arrears/domain';
import type { AccountDocument } from './account.projection';
import { expectedRecoveryOf, scoreExplanation } from '../worklist/expected-recovery';

/**
 * What a reader gets for an account at an instant: the stored facts plus what depends on the day
 * (days past due, overdue, aging, holds in force, when a call is allowed, whether a debt is
 * time-barred), worked out in the debtor's time zone at `now` under the creditor's rules.
 */
export function accountView(document: AccountDocument, now: string, policies: ContactPolicies, debtorAccounts?: readonly OpenedAccount[]) {
  const { account } = document;
  const today = dateIn(now, account.debtor.timeZone);
  const invoices = Object.values(account.invoices)
    .sort((a, b) => a.sequence - b.sequence)
    .map((invoice) => {
      const open = outstanding(invoice);
      const days = open > 0 ? daysPastDue(invoice.dueOn, today) : 0;
      return {
        invoiceId: invoice.invoiceId,
        amount: invoice.amount,
        currency: invoice.currency,
        issuedOn: invoice.issuedOn,
        dueOn: invoice.dueOn,
        paid: invoice.paid,
        discounted: invoice.discounted,
        lateFees: invoice.lateFees,
        outstanding: open,
        daysPastDue: days,
        agingBucket: agingBucket(days),
        missed: invoice.missed,
        timeline: invoice.timeline,
      };
    });
  const overdue = invoices.filter((invoice) => invoice.daysPastDue > 0).reduce((sum, invoice) => sum + invoice.outstanding, 0);
  const oldestDays = oldestDaysPastDue(account, today);
  const claim = activeClaim(account, now);
  const contact = callStatus(account, now, policyFor(policies, account.creditorId));
  return {
    accountId: account.accountId,
    creditorId: account.creditorId,
    status: account.status,
    debtor: account.debtor,
    currency: account.currency,
    asOf: now,
    balances: { total: totalOutstanding(account), overdue, credit: account.credit },
    daysPastDue: oldestDays,
    agingBucket: agingBucket(oldestDays),
    invoices,
    activePlan: account.activePlan && {
      planId: account.activePlan.planId,
      coveredInvoiceIds: account.activePlan.coveredInvoiceIds,
      installments: account.activePlan.installments,
    },
    lastPayment: document.lastPayment,
    promises: Object.values(account.promises),
    disputes: Object.values(account.disputes),
    holds: Object.values(account.holds).map((hold) => ({ ...hold, inForce: hold.active && hold.until >= today })),
    restrictions: account.restrictions,
    validationNotice: account.validationNotice,
    contact,
    propensity: document.score ? scoreExplanation(document.score) : null,
    expectedRecovery: document.score ? expectedRecoveryOf(overdue, document.score, contact.contactableNow) : null,
    timeBar: timeBarOf(account, policies, today),
    settlement: account.activeSettlement,
    agency: account.agency,
    legal: account.legal,
    assignedAgentId: account.assignedAgentId,
    claim,
    creditStanding: creditStandingOf(account, debtorAccounts),
    openedAt: document.openedAt,
    updatedAt: document.updatedAt,
    position: document.position,
  };
}

export type AccountView = ReturnType<typeof accountView>;

/**
 * The account's credit policy, what it owes against it, the invoices waiting for a supervisor, and the latest
 * report; with the debtor's accounts with the creditor (`debtorAccounts`, this one among them), what the debtor
 * owes across them against their limit.
 */
function creditStandingOf(account: OpenedAccount, debtorAccounts: readonly OpenedAccount[] | undefined) {
  const debtorLimit = account.debtorCreditLimit;
  const debtorExposure = debtorLimit && debtorAccounts ? debtorExposureOf(debtorAccounts, debtorLimit.currency) : null;
  return {
    limit: account.creditLimit ?? null,
    debtorLimit: debtorLimit ?? null,
    exposure: exposureOf(account),
    headroom: headroomOf(account),
    debtorExposure,
    debtorHeadroom: debtorExposure === null ? null : debtorHeadroomOf(account, debtorExposure),
    pendingApprovals: Object.values(account.creditApprovals ?? {}),
    latestReport: account.latestCreditReport ?? null,
  };
}

/** Days past due of the oldest open invoice: what the account as a whole is aged by. */
function oldestDaysPastDue(account: OpenedAccount, today: string): number {
  const oldest = openInvoicesOldestFirst(account)[0];
  return oldest ? daysPastDue(oldest.dueOn, today) : 0;
}
