import type { Summaries } from '../account/capability';
import { money, nextStep } from '../account/summary-words';
import type { TimelineEvent } from './timeline.events';

/** How each timeline fact reads in the account's history: one line a person can read. */
export const timelineSummaries: Summaries<TimelineEvent> = {
  CollectionTimelineStarted: (event) =>
    `Invoice ${event.data.invoiceId} follows strategy ${event.data.strategyId} (${event.data.arm}); ${nextStep(event.data.nextStepOn)}`,
  CollectionStepTaken: (event) => `Timeline step ${event.data.step} taken for invoice ${event.data.invoiceId}; ${nextStep(event.data.nextStepOn)}`,
  CollectionStepSkipped: (event) =>
    `Timeline step ${event.data.step} skipped for invoice ${event.data.invoiceId} (${event.data.reason.replace(/_/g, ' ')}); ${nextStep(event.data.nextStepOn)}`,
  CollectionStepDeferred: (event) =>
    `Timeline step ${event.data.step} (due ${event.data.dueOn}) deferred for invoice ${event.data.invoiceId} while the ${event.data.reason} lasts; ${nextStep(event.data.nextStepOn)}`,
  ReminderSent: (event) =>
    `Reminder ${event.data.template} queued by ${event.data.channel} for invoice ${event.data.invoiceId} (${money(event.data)} due ${event.data.dueOn}).`,
};
