import { entryOf } from '../lookup/entry-of';
import { addDays, type IsoDate } from '../calendar/calendar';
import { policyFor } from '../compliance/contact-policy';
import { contactHoursRule } from '../compliance/contact-rules';
import { conflict, ruleBroken } from '../errors/domain-error';
import type { AccountEvent } from '../account/account.events';
import { evolve } from '../account/account.evolve';
import { requireInvoice, requireOpen, todayFor } from '../account/account.guards';
import { outstanding, type AccountState, type InvoiceState, type OpenedAccount } from '../account/account.state';
import { assessLateFee, markPaymentMissed } from '../billing/billing.decide';
import { sendValidationNotice } from '../interactions/interactions.decide';
import { placeWithAgency } from '../resolutions/resolutions.decide';
import type { Decisions } from '../account/capability';
import { bookkeepingActions, communicatingActions, stepDate, type TimelineStep } from './strategy';
import type { AdvanceCollectionTimeline, TimelineCommand } from './timeline.commands';
import type { StepSkipReason } from './timeline.events';
import { pursuitPause } from '../worklist/pursuable';

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
  const nextStep = () => steps.find((s) => !done.has(s.step)) ?? null;
  const dateOfNext = () => {
    const next = nextStep();
    return next ? stepDate(invoice, next) : null;
  };
  const events: AccountEvent[] = [];
  const record = (more: AccountEvent[]) => {
    events.push(...more);
    account = more.reduce((next, event) => evolve(next, event) as OpenedAccount, account);
  };
  const tag = { invoiceId, strategyId: strategy.strategyId, arm };
  if (!invoice.timeline) record([{ type: 'CollectionTimelineStarted', data: { ...tag, nextStepOn: dateOfNext() } }]);
  for (let next = nextStep(); next && stepDate(invoice, next) <= today; next = nextStep()) {
    const current = entryOf(account.invoices, invoiceId) as InvoiceState;
    const reason = mootReason(account, current, next, today);
    const outcome: StepOutcome = reason ? { events: [] } : stepEffects(account, current, next, command);
    if (outcome === 'wait') break;
    done.add(next.step);
    const step = reason
      ? { type: 'CollectionStepSkipped' as const, data: { ...tag, step: next.step, reason, nextStepOn: dateOfNext() } }
      : { type: 'CollectionStepTaken' as const, data: { ...tag, step: next.step, action: next.action.kind, nextStepOn: dateOfNext() } };
    record([step, ...outcome.events]);
  }
  return events;
}

/** Why a due step should not run, or null when it should. */
function mootReason(account: OpenedAccount, invoice: InvoiceState, step: TimelineStep, today: IsoDate): StepSkipReason | null {
  const { kind } = step.action;
  if (account.activePlan?.coveredInvoiceIds.includes(invoice.invoiceId)) return 'plan';
  // The books stay true through a dispute or a hold: only pursuing the debtor pauses.
  if (bookkeepingActions.includes(kind)) return kind === 'assess_late_fee' && !invoice.terms.lateFee ? 'no_late_fee_terms' : null;
  const pause = pursuitPause(account, today, invoice.invoiceId);
  // A cease request stops only what reaches the debtor: an agency placement or a legal review still runs.
  if (pause && (pause !== 'cease' || communicatingActions.includes(kind))) return pause;
  if (step.action.kind === 'notify' && account.restrictions.blockedChannels.includes(step.action.channel)) return 'channel_blocked';
  if (stepDate(invoice, step) < addDays(today, -staleAfterDays)) return 'stale';
  return null;
}

/** The events a step brings about, beyond the record that it ran. */
function stepEffects(account: OpenedAccount, invoice: InvoiceState, step: TimelineStep, { now, data }: AdvanceCollectionTimeline): StepOutcome {
  const { invoiceId } = invoice;
  switch (step.action.kind) {
    case 'notify': {
      const { channel, template } = step.action;
      if (contactHoursRule(account, { channel, at: now }, policyFor(data.policies, account.creditorId))) return 'wait';
      const notificationId = `${account.accountId}:${invoiceId}:${step.step}`;
      const reminder: AccountEvent = {
        type: 'ReminderSent',
        data: {
          notificationId,
          invoiceId,
          step: step.step,
          channel,
          template,
          amount: outstanding(invoice),
          currency: invoice.currency,
          dueOn: invoice.dueOn,
          sentAt: now,
        },
      };
      // The validation notice goes out with the first communication (1006.34(c)).
      const notice = account.validationNotice
        ? []
        : sendValidationNotice({ type: 'SendValidationNotice', data: { channel, policies: data.policies }, now }, account);
      return { events: [reminder, ...notice] };
    }
    case 'mark_payment_missed':
      return { events: invoice.missed ? [] : markPaymentMissed({ type: 'MarkPaymentMissed', data: { invoiceId }, now }, account) };
    case 'assess_late_fee':
      return { events: invoice.lateFeeAssessed ? [] : assessLateFee({ type: 'AssessLateFee', data: { invoiceId }, now }, account) };
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
