import { entryOf } from '../lookup/entry-of';
import type { AccountCommand } from '../account/account.commands';
import { outstanding, type InvoiceState, type OpenedAccount } from '../account/account.state';
import { addDays, type IsoDate } from '../calendar/calendar';
import type { ContactPolicies } from '../compliance/contact-policy';
import { owesValidationNotice, validationNoticeChannel } from '../interactions/validation-notice';
import { strategyFor, type CollectionTimelines } from './strategy';
import { resumesOn } from './deferral';
import { confirmationDue } from '../resolutions/resolution';
import { accountScore, type Scoring } from '../risk/scoring';

/** A command as the scheduler sends it; the command path stamps `now`. */
export type ScheduledCommand = AccountCommand extends infer C ? (C extends AccountCommand ? Omit<C, 'now'> : never) : never;

/** What the scheduler works with: the strategies, the contact rules, and how plans are held to. */
export interface SchedulerSettings {
  timelines: CollectionTimelines;
  policies: ContactPolicies;
  /** Days after an installment's date that a payment still counts as on time. */
  installmentGraceDays: number;
  /** Missed installments that break a plan. */
  planBreakAfter: number;
  /** The scoring in force, whose risk segments pick a strategy where a creditor assigns them by segment. */
  scoring?: Scoring;
}

/**
 * Everything that has fallen due on an account by `today` (the debtor's date), as commands: deadlines
 * that have passed (promises, installments, holds, settlements), the validation notice a debt collector
 * owes, each open invoice's timeline, and the confirmation of a resolution (which a closed account may
 * still be owed). A resolved account owes nothing: no timeline has a step left for it. Pure; the deciders
 * check each again.
 */
export function dueWork(account: OpenedAccount, today: IsoDate, settings: SchedulerSettings): ScheduledCommand[] {
  const work: ScheduledCommand[] = confirmationDue(account) ? [{ type: 'SendResolutionConfirmation', data: { policies: settings.policies } }] : [];
  if (account.status !== 'open') return work;
  const channel = validationNoticeChannel(account);
  const noticeDue = noticeDueSince(account);
  // A debtor who has paid the debt is owed no validation notice after the initial communication (1006.34(a)(2)).
  if (channel && noticeDue && noticeDue <= today && !account.resolution && owesValidationNotice(account, settings.policies)) {
    work.push({ type: 'SendValidationNotice', data: { channel, policies: settings.policies } });
  }
  for (const promise of Object.values(account.promises)) {
    if (promise.status === 'open' && addDays(promise.dueOn, promise.graceDays) < today)
      work.push({ type: 'ResolvePromise', data: { promiseId: promise.promiseId } });
  }
  const plan = account.activePlan;
  for (const installment of plan?.installments ?? []) {
    if (plan && !installment.missed && installment.paid < installment.amount && addDays(installment.dueOn, settings.installmentGraceDays) < today) {
      const data = { planId: plan.planId, installment: installment.number, graceDays: settings.installmentGraceDays, breakAfter: settings.planBreakAfter };
      work.push({ type: 'MarkInstallmentMissed', data });
    }
  }
  for (const hold of Object.values(account.holds)) {
    if (hold.active && hold.until < today) work.push({ type: 'ReleaseHold', data: { holdId: hold.holdId, expired: true } });
  }
  if (account.activeSettlement && account.activeSettlement.dueOn < today)
    work.push({ type: 'LapseSettlement', data: { settlementId: account.activeSettlement.settlementId } });
  for (const invoice of Object.values(account.invoices)) {
    if (outstanding(invoice) <= 0) continue;
    const { timeline } = invoice;
    // A new invoice starts at once; a started one waits for its next step, or for a deferred one to resume.
    const wakeOn = timeline ? timelineWakeOn(account, invoice) : today;
    if (wakeOn === null || wakeOn > today) continue;
    // An invoice keeps the strategy it started on; one since removed from the configuration stops.
    const { strategy, arm } = timeline
      ? { strategy: entryOf(settings.timelines.strategies, timeline.strategyId), arm: timeline.arm }
      : strategyFor(settings.timelines, account.creditorId, account.accountId, segmentOf(account, today, settings));
    if (strategy) work.push({ type: 'AdvanceCollectionTimeline', data: { invoiceId: invoice.invoiceId, strategy, arm, policies: settings.policies } });
  }
  return work;
}

/** The account's risk segment on `today` when a model scores it: a new invoice's timeline starts on its segment's strategy. */
const segmentOf = (account: OpenedAccount, today: IsoDate, { scoring }: SchedulerSettings) =>
  (scoring && accountScore(scoring, account, today)?.segment) ?? null;

/**
 * The earliest day anything may fall due on the account, whatever the settings, or null when nothing
 * can: what the schedule read model keeps, so the scheduler reads only accounts with work.
 */
export function nextWakeOn(account: OpenedAccount): IsoDate | null {
  const days: IsoDate[] = account.resolution && confirmationDue(account) ? [account.resolution.resolvedOn] : [];
  if (account.status !== 'open') return earliest(days);
  const noticeDue = !account.validationNotice && !account.resolution && validationNoticeChannel(account) ? noticeDueSince(account) : null;
  if (noticeDue) days.push(noticeDue);
  for (const promise of Object.values(account.promises)) if (promise.status === 'open') days.push(addDays(promise.dueOn, promise.graceDays + 1));
  for (const installment of account.activePlan?.installments ?? []) {
    if (!installment.missed && installment.paid < installment.amount) days.push(addDays(installment.dueOn, 1));
  }
  for (const hold of Object.values(account.holds)) if (hold.active) days.push(addDays(hold.until, 1));
  if (account.activeSettlement) days.push(addDays(account.activeSettlement.dueOn, 1));
  for (const invoice of Object.values(account.invoices)) {
    const day = outstanding(invoice) > 0 ? timelineWakeOn(account, invoice) : null;
    if (day) days.push(day);
  }
  return earliest(days);
}

/**
 * From when a validation notice not yet sent is due, or null: within 5 days of a first communication
 * that did not carry it (1006.34(a)(1)(i)(B); the day before, in UTC, covers every zone), or once an
 * escalation waits for it and its period (1006.38(b)), since nothing else may bring it about then.
 */
function noticeDueSince(account: OpenedAccount): IsoDate | null {
  if (account.validationNotice) return null;
  const first = account.interactions.firstCommunicationAt;
  // After a cease request (1006.6(c)) no escalation waits for a notice, so none is sent on its account.
  const open = account.restrictions.ceaseRequested ? [] : Object.values(account.invoices).filter((invoice) => outstanding(invoice) > 0);
  const waiting = open.flatMap((invoice) =>
    Object.values(invoice.timeline?.deferred ?? {}).flatMap((deferral) => (deferral.reason === 'validation_period' ? [deferral.dueOn] : [])),
  );
  return earliest([...(first ? [addDays(first.slice(0, 10), -1)] : []), ...waiting]);
}

/**
 * The day an open invoice's timeline may next move: the day it starts, its next step's day, or the day
 * a deferred step comes due again (not while the plan or dispute holding it back lasts).
 */
function timelineWakeOn(account: OpenedAccount, invoice: InvoiceState): IsoDate | null {
  const { timeline } = invoice;
  if (!timeline) return invoice.issuedOn;
  const resumed = Object.values(timeline.deferred).map((deferral) => resumesOn(account, invoice.invoiceId, deferral));
  return earliest([timeline.nextStepOn, ...resumed].filter((day) => day !== null));
}

const earliest = (days: IsoDate[]): IsoDate | null => (days.length ? days.reduce((first, day) => (day < first ? day : first)) : null);
