import { entryOf } from '../lookup/entry-of';
import type { Evolvers } from '../account/capability';
import type { InvoiceTimeline, OpenedAccount } from '../account/account.state';
import type { CollectionStepDeferred, CollectionStepSkipped, CollectionStepTaken, TimelineEvent } from './timeline.events';

export const timelineEvolvers: Evolvers<TimelineEvent> = {
  CollectionTimelineStarted: (account, event) => {
    const { invoiceId, strategyId, arm, nextStepOn } = event.data;
    return withTimeline(account, invoiceId, () => ({ strategyId, arm, steps: {}, deferred: {}, nextStepOn }));
  },
  CollectionStepTaken: (account, event) => withStep(account, event.data, 'taken'),
  CollectionStepSkipped: (account, event) => withStep(account, event.data, 'skipped'),
  CollectionStepDeferred: (account, event) => withDeferral(account, event.data),
  ReminderSent: (account, event) => {
    const first = account.interactions.firstCommunicationAt ?? event.data.sentAt;
    return { ...account, interactions: { ...account.interactions, firstCommunicationAt: first } };
  },
};

function withStep(account: OpenedAccount, step: (CollectionStepTaken | CollectionStepSkipped)['data'], outcome: 'taken' | 'skipped'): OpenedAccount {
  const { invoiceId, nextStepOn } = step;
  return withTimeline(account, invoiceId, (timeline) => {
    if (!timeline) return timeline;
    const deferred = Object.fromEntries(Object.entries(timeline.deferred).filter(([name]) => name !== step.step));
    return { ...timeline, steps: { ...timeline.steps, [step.step]: outcome }, deferred, nextStepOn };
  });
}

function withDeferral(account: OpenedAccount, { invoiceId, step, reason, dueOn, nextStepOn }: CollectionStepDeferred['data']): OpenedAccount {
  return withTimeline(account, invoiceId, (timeline) => timeline && { ...timeline, deferred: { ...timeline.deferred, [step]: { reason, dueOn } }, nextStepOn });
}

function withTimeline(account: OpenedAccount, invoiceId: string, change: (timeline: InvoiceTimeline | null) => InvoiceTimeline | null): OpenedAccount {
  const invoice = entryOf(account.invoices, invoiceId);
  return invoice ? { ...account, invoices: { ...account.invoices, [invoiceId]: { ...invoice, timeline: change(invoice.timeline) } } } : account;
}
