import { activeClaim, callStatus, type ContactPolicy, agingBucket, dateIn, daysPastDue, type IsoDate } from '@arrears/domain';
import { scoreOn } from './priority';
import { expectedRecoveryOf, scoreExplanation } from './expected-recovery';
import { overdueOn, type WorklistDocument, type WorklistInvoice } from './worklist-line';

/** A worklist line: why the account is where it is, what to do next, and when a call is allowed. */
export function worklistItem(entry: WorklistDocument, now: string, policy: ContactPolicy) {
  // Past due by the debtor's calendar, as the line was folded: at 20:00 in Los Angeles an invoice due that day is not late yet.
  const today = dateIn(now, entry.contact.debtor.timeZone);
  const days = entry.oldestDueOn ? daysPastDue(entry.oldestDueOn, today) : 0;
  const overdueAmount = overdueOn(entry.openInvoices, today);
  const contact = callStatus(entry.contact, now, policy);
  const claim = activeClaim({ claim: entry.claimAgentId && entry.claimUntil ? { agentId: entry.claimAgentId, until: entry.claimUntil } : null }, now);
  return {
    accountId: entry.id,
    creditorId: entry.creditorId,
    currency: entry.currency,
    score: scoreOn(
      { outstanding: entry.outstanding, oldestDueOn: entry.oldestDueOn ?? today, missedOpen: entry.missedOpen, brokenPromises: entry.brokenPromises ?? 0 },
      today,
    ),
    daysPastDue: days,
    agingBucket: agingBucket(days),
    outstanding: entry.outstanding,
    overdueAmount,
    nextAction: nextAction(entry.openInvoices, today, days),
    contact,
    propensity: entry.score ? scoreExplanation(entry.score) : null,
    expectedRecovery: entry.score ? expectedRecoveryOf(overdueAmount, entry.score, contact.contactableNow) : null,
    pendingCreditApprovals: entry.pendingCreditApprovals ?? [],
    assignedAgentId: entry.assignedAgentId,
    claim,
  };
}

export type WorklistItem = ReturnType<typeof worklistItem>;

/**
 * The next best action, first match wins: record a missed payment once grace has passed; assess a
 * late fee the terms allow; then by age: reminder call (1–30 days), call (31–60), final notice
 * (61–90), review for agency placement or legal action (over 90).
 */
export function nextAction(open: WorklistInvoice[], today: IsoDate, days: number): { code: string; reason: string } {
  const unmarked = open.find((invoice) => !invoice.missed && invoice.graceEndsOn < today);
  if (unmarked) return { code: 'mark_payment_missed', reason: `Invoice ${unmarked.invoiceId} is past due and its grace period is over.` };
  const feeDue = open.find((invoice) => invoice.lateFeeDue);
  if (feeDue) return { code: 'assess_late_fee', reason: `Invoice ${feeDue.invoiceId} was missed and its terms carry a late fee.` };
  if (days <= 30) return { code: 'reminder_call', reason: `${days} days past due.` };
  if (days <= 60) return { code: 'call', reason: `${days} days past due.` };
  if (days <= 90) return { code: 'final_notice', reason: `${days} days past due.` };
  return { code: 'agency_or_legal_review', reason: `${days} days past due.` };
}
