import { eventTypesOf } from '../account/event-types';
import type { IsoDate } from '../calendar/calendar';
import type { ContactChannel } from '../compliance/contact-policy';
import type { RenderedMessage } from '../notices/notices.events';
import type { StepAction, StrategyArm } from './strategy';

/** Why a step will not run. `plan`, `dispute` and `hold` are only found on events recorded before such steps were deferred. */
export type StepSkipReason =
  | 'plan'
  | 'dispute'
  | 'original_creditor_request'
  | 'hold'
  | 'cease'
  | 'channel_blocked'
  | 'with_agency'
  | 'in_legal'
  | 'stale'
  | 'no_late_fee_terms'
  /** A legal review of a time-barred debt (12 CFR 1006.26(b)). */
  | 'time_barred';
/**
 * What holds a due step back until it ends: a plan covering the invoice, a dispute of it or an unanswered
 * request for its original creditor, a hold on the account; the validation period, which an escalation may
 * not overshadow (1006.38(b)); or, for a step that would reach the debtor before the validation notice
 * could, the lack of a channel the notice may go by (1006.34(a)(1)).
 */
export type StepDeferReason = Extract<StepSkipReason, 'plan' | 'dispute' | 'original_creditor_request' | 'hold'> | 'validation_period' | 'validation_notice';
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
/** A timeline step fell due but was moot (a cease request, a blocked channel, gone stale…): it will not run. */
export interface CollectionStepSkipped {
  type: 'CollectionStepSkipped';
  data: { invoiceId: string; step: string; reason: StepSkipReason; strategyId: string; arm: StrategyArm; nextStepOn: IsoDate | null };
}
/**
 * A timeline step fell due while a plan, a dispute, a hold or the validation period was in force (or
 * before the validation notice could go): it waits, and comes due again (on its own date, `dueOn`, or
 * the day after what held it back) once that ends. Recorded once per step and reason.
 */
export interface CollectionStepDeferred {
  type: 'CollectionStepDeferred';
  data: { invoiceId: string; step: string; reason: StepDeferReason; dueOn: IsoDate; strategyId: string; arm: StrategyArm; nextStepOn: IsoDate | null };
}
/** A reminder was queued for the debtor; the outbox delivers it at least once, by this id. */
export interface ReminderSent {
  type: 'ReminderSent';
  data: {
    notificationId: string;
    invoiceId: string;
    step: string;
    channel: ContactChannel;
    template: string;
    amount: number;
    currency: string;
    dueOn: IsoDate;
    sentAt: string;
    /** What went out; absent from reminders recorded before messages were rendered (or with no template for the channel). */
    message?: RenderedMessage;
  };
}

/** The timeline part of the account's events. */
export type TimelineEvent = CollectionTimelineStarted | CollectionStepTaken | CollectionStepSkipped | CollectionStepDeferred | ReminderSent;

/** Every timeline event type. */
export const timelineEventTypes = eventTypesOf<TimelineEvent>()([
  'CollectionTimelineStarted',
  'CollectionStepTaken',
  'CollectionStepSkipped',
  'CollectionStepDeferred',
  'ReminderSent',
]);
