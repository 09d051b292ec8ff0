import { activeClaim, addDays, type ContactPolicy, agingBucket, daysPastDue, openInvoicesOldestFirst, outstanding, type IsoDate, type OpenedAccount } from '@arrears/domain';
import { callWindow } from '../contact-window';
import { scoreOn } from './priority';
import type { WorklistDocument } from './worklist.projection';

/** A worklist line: why the account is where it is, what to do next, and when a call is allowed. */
export function worklistItem(document: WorklistDocument, now: string, policy: ContactPolicy) {
  const today = now.slice(0, 10);
  const { account } = document;
  const days = document.oldestDueOn ? daysPastDue(document.oldestDueOn, today) : 0;
  const claim = activeClaim(account, now);
  return {
    accountId: document.id,
    creditorId: document.creditorId,
    currency: document.currency,
    score: scoreOn({ outstanding: document.outstanding, oldestDueOn: document.oldestDueOn ?? today, missedOpen: document.missedOpen, brokenPromises: document.brokenPromises ?? 0 }, today),
    daysPastDue: days,
    agingBucket: agingBucket(days),
    outstanding: document.outstanding,
    overdueAmount: overdueOn(account, today),
    nextAction: nextAction(account, today, days),
    contact: callWindow(account, now, policy),
    assignedAgentId: claim?.agentId ?? null,
    claim,
  };
}

export type WorklistItem = ReturnType<typeof worklistItem>;

const overdueOn = (account: OpenedAccount, today: IsoDate) =>
  openInvoicesOldestFirst(account)
    .filter((invoice) => invoice.dueOn < today)
    .reduce((sum, invoice) => sum + outstanding(invoice), 0);

/**
 * The next best action, first match wins: record a missed payment once grace has passed; assess a
 * late fee the terms allow; then by age: reminder call (1–30 days), call (31–60), final notice
 * (61–90), review for agency placement or legal action (over 90).
 */
export function nextAction(account: OpenedAccount, today: IsoDate, days: number): { code: string; reason: string } {
  const open = openInvoicesOldestFirst(account);
  const unmarked = open.find((invoice) => !invoice.missed && addDays(invoice.dueOn, invoice.terms.graceDays) < today);
  if (unmarked) return { code: 'mark_payment_missed', reason: `Invoice ${unmarked.invoiceId} is past due and its grace period is over.` };
  const feeDue = open.find((invoice) => invoice.missed && invoice.terms.lateFee && !invoice.lateFeeAssessed);
  if (feeDue) return { code: 'assess_late_fee', reason: `Invoice ${feeDue.invoiceId} was missed and its terms carry a late fee.` };
  if (days <= 30) return { code: 'reminder_call', reason: `${days} days past due.` };
  if (days <= 60) return { code: 'call', reason: `${days} days past due.` };
  if (days <= 90) return { code: 'final_notice', reason: `${days} days past due.` };
  return { code: 'agency_or_legal_review', reason: `${days} days past due.` };
}
