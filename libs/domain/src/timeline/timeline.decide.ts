import { entryOf } from '../lookup/entry-of';
import { addDays, type IsoDate } from '../calendar/calendar';
import { policyFor, type ContactPolicies } from '../compliance/contact-policy';
import { timeBarOf } from '../compliance/time-bar';
import { contactHoursRule } from '../compliance/contact-rules';
import { conflict, ruleBroken } from '../errors/domain-error';
import type { AccountEvent } from '../account/account.events';
import { evolve } from '../account/account.evolve';
import { requireInvoice, requireOpen, todayFor } from '../account/account.guards';
import { outstanding, type AccountState, type InvoiceState, type OpenedAccount } from '../account/account.state';
import { assessLateFee, markPaymentMissed } from '../billing/billing.decide';
import { sendValidationNotice } from '../interactions/interactions.decide';
import { owesValidationNotice, validationNoticeChannel } from '../interactions/validation-notice';
import { messageFor } from '../notices/notices.decide';
import { placeWithAgency } from '../resolutions/resolutions.decide';
import type { Decisions } from '../account/capability';
import { communicatingActions, stepDate, type TimelineStep } from './strategy';
import { deferReason } from './deferral';
import type { AdvanceCollectionTimeline, TimelineCommand } from './timeline.commands';
import type { StepSkipReason } from './timeline.events';

/** A step that should have run this many days ago reaches the debtor no more: it is skipped as stale. */
export const staleAfterDays = 7;

/** What a due step comes to: its events, or nothing yet (a contact outside the debtor's hours waits). */
type StepOutcome = { events: AccountEvent[] } | 'wait';

export function advanceCollectionTimeline(command: AdvanceCollectionTimeline, state: AccountState): AccountEvent[] {
  let account = requireOpen(state);
  const { invoiceId, strategy, arm } = command.data;
  const invoice = requireInvoice(account, invoiceId);
  if (outstanding(invoice) <= 0) throw ruleBroken('INVOICE_ALREADY_PAID', `Invoice ${invoiceId} is paid.`, { invoiceId });
  if (invoice.timeline && invoice.timeline.strategyId !== strategy.strategyId) {
    throw conflict('STRATEGY_MISMATCH', `Invoice ${invoiceId} follows strategy ${invoice.timeline.strategyId}.`, { strategyId: invoice.timeline.strategyId });
  }
  const today = todayFor(account, command.now);
  const steps = [...strategy.steps].sort((a, b) => stepDate(invoice, a).localeCompare(stepDate(invoice, b)));
  const done = new Set(Object.keys(invoice.timeline?.steps ?? {}));
  const deferred = new Map(Object.entries(invoice.timeline?.deferred ?? {}).map(([step, deferral]) => [step, deferral.reason]));
  const dateOfNext = () => {
    const next = steps.find((s) => !done.has(s.step) && !deferred.has(s.step));
    return next ? stepDate(invoice, next) : null;
  };
  const events: AccountEvent[] = [];
  const record = (more: AccountEvent[]) => {
    events.push(...more);
    account = more.reduce((next, event) => evolve(next, event) as OpenedAccount, account);
  };
  const tag = { invoiceId, strategyId: strategy.strategyId, arm };
  if (!invoice.timeline) record([{ type: 'CollectionTimelineStarted', data: { ...tag, nextStepOn: dateOfNext() } }]);
  for (const next of steps) {
    const dueOn = stepDate(invoice, next);
    if (dueOn > today) break;
    if (done.has(next.step)) continue;
    const current = entryOf(account.invoices, invoiceId) as InvoiceState;
    const skip = skipReason(account, current, next, command.data.policies, today);
    const defer = skip ? null : deferReason(account, invoiceId, next, strategy, today, command.data.policies);
    if (defer) {
      // Recorded once for each thing that holds the step back, not again on every wake.
      if (deferred.get(next.step) === defer) continue;
      deferred.set(next.step, defer);
      record([{ type: 'CollectionStepDeferred', data: { ...tag, step: next.step, reason: defer, dueOn, nextStepOn: dateOfNext() } }]);
      continue;
    }
    // A step the scheduler reaches late keeps its own date; one that waited out a blocker happens today.
    const on = deferred.has(next.step) ? today : dueOn;
    const outcome: StepOutcome = skip ? { events: [] } : stepEffects(account, current, next, command, on);
    if (outcome === 'wait') break;
    done.add(next.step);
    deferred.delete(next.step);
    const step = skip
      ? { type: 'CollectionStepSkipped' as const, data: { ...tag, step: next.step, reason: skip, nextStepOn: dateOfNext() } }
      : { type: 'CollectionStepTaken' as const, data: { ...tag, step: next.step, action: next.action.kind, nextStepOn: dateOfNext() } };
    record([step, ...outcome.events]);
  }
  return events;
}

/**
 * Why a due step will never run, or null. Only a step that reaches the debtor goes stale or is made
 * moot by a cease request or a blocked channel; the others run however late, unless the account has
 * gone to an agency or to legal review, which then pursue it instead. A legal review of a time-barred
 * debt is skipped, and so is a notice that threatens action: no legal action may be brought on it, nor
 * threatened (12 CFR 1006.26(b)).
 */
function skipReason(account: OpenedAccount, invoice: InvoiceState, step: TimelineStep, policies: ContactPolicies, today: IsoDate): StepSkipReason | null {
  const { action } = step;
  const threatens = action.kind === 'legal_review' || (action.kind === 'notify' && step.escalation === true);
  if (threatens && timeBarOf(account, policies, today).timeBarred) return 'time_barred';
  if (communicatingActions.includes(action.kind)) {
    if (account.restrictions.ceaseRequested) return 'cease';
    if (action.kind === 'notify' && account.restrictions.blockedChannels.includes(action.channel)) return 'channel_blocked';
    if (stepDate(invoice, step) < addDays(today, -staleAfterDays)) return 'stale';
  }
  if (action.kind === 'assess_late_fee') return invoice.terms.lateFee ? null : 'no_late_fee_terms';
  if (action.kind === 'mark_payment_missed') return null;
  if (account.legal) return 'in_legal';
  if (account.agency) return 'with_agency';
  return null;
}

/** The events a step brings about, beyond the record that it ran. */
function stepEffects(account: OpenedAccount, invoice: InvoiceState, step: TimelineStep, { now, data }: AdvanceCollectionTimeline, on: IsoDate): StepOutcome {
  const { invoiceId } = invoice;
  switch (step.action.kind) {
    case 'notify': {
      const { channel, template } = step.action;
      // The validation notice goes with the first communication, by letter or e-mail whatever the
      // reminder's channel (1006.34(a)(1)(i)(A), 1006.42); a step with no channel for it was deferred.
      const noticeChannel = owesValidationNotice(account, data.policies) ? validationNoticeChannel(account) : null;
      const policy = policyFor(data.policies, account.creditorId);
      // The hours alone: a span the debtor stated holds the message in the outbox instead (its try waits for it), so
      // that a step does not stay due, and tried again at every wake, for most of the day.
      if ([channel, noticeChannel].some((by) => by && contactHoursRule(account, { channel: by, at: now }, policy))) return 'wait';
      const notificationId = `${account.accountId}:${invoiceId}:${step.step}`;
      const facts = { invoiceId, amount: outstanding(invoice), currency: invoice.currency, dueOn: invoice.dueOn };
      const message = messageFor(account, data.policies, now, { templateId: template, channel, facts });
      const reminder: AccountEvent = {
        type: 'ReminderSent',
        data: { notificationId, step: step.step, channel, template, ...facts, sentAt: now, ...(message && { message }) },
      };
      const notice = noticeChannel
        ? sendValidationNotice({ type: 'SendValidationNotice', data: { channel: noticeChannel, policies: data.policies }, now }, account)
        : [];
      return { events: [reminder, ...notice] };
    }
    // The books are dated by when the step fell due (`on`), not by when the scheduler got to it.
    case 'mark_payment_missed': {
      const missed = invoice.missed ? [] : markPaymentMissed({ type: 'MarkPaymentMissed', data: { invoiceId }, now }, account);
      return { events: missed.map((event) => ({ ...event, data: { ...event.data, missedOn: on } })) };
    }
    case 'assess_late_fee': {
      const fee = invoice.lateFeeAssessed ? [] : assessLateFee({ type: 'AssessLateFee', data: { invoiceId }, now }, account);
      return { events: fee.map((event) => ({ ...event, data: { ...event.data, assessedOn: on } })) };
    }
    case 'place_with_agency':
      return { events: placeWithAgency({ type: 'PlaceWithAgency', data: { agencyId: step.action.agencyId }, now }, account) };
    case 'call_task':
    case 'legal_review':
      return { events: [] };
  }
}

export const timelineDecisions: Decisions<TimelineCommand> = {
  AdvanceCollectionTimeline: advanceCollectionTimeline,
};
