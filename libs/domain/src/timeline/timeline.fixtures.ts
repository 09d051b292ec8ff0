import { regulationFEverywhere } from '../compliance/contact-policy';
import type { AccountEvent } from '../account/account.events';
import { command } from '../account/account.fixtures';
import { standardStrategy, type CollectionStrategy } from './strategy';
import type { AdvanceCollectionTimeline } from './timeline.commands';
import type { CollectionStepDeferred, CollectionStepSkipped, CollectionStepTaken } from './timeline.events';

/** Timeline fixtures shared by the timeline specifications: invoice inv-1 on the standard strategy, as champion. */
export const tag = { invoiceId: 'inv-1', strategyId: 'standard', arm: 'champion' as const };

export const advance = (now: string, strategy: CollectionStrategy = standardStrategy) =>
  command<AdvanceCollectionTimeline>('AdvanceCollectionTimeline', { invoiceId: 'inv-1', strategy, arm: 'champion', policies: regulationFEverywhere }, now);

export const started = (nextStepOn: string): AccountEvent => ({ type: 'CollectionTimelineStarted', data: { ...tag, nextStepOn } });

export const taken = (step: string, action: CollectionStepTaken['data']['action'], nextStepOn: string | null): AccountEvent => ({
  type: 'CollectionStepTaken',
  data: { ...tag, step, action, nextStepOn },
});

export const skipped = (step: string, reason: CollectionStepSkipped['data']['reason'], nextStepOn: string | null): AccountEvent => ({
  type: 'CollectionStepSkipped',
  data: { ...tag, step, reason, nextStepOn },
});

export const deferred = (step: string, reason: CollectionStepDeferred['data']['reason'], dueOn: string, nextStepOn: string | null): AccountEvent => ({
  type: 'CollectionStepDeferred',
  data: { ...tag, step, reason, dueOn, nextStepOn },
});
