import type { Command } from '../account/command';
import type { ContactPolicies } from '../compliance/contact-policy';
import type { CollectionStrategy, StrategyArm } from './strategy';

/**
 * Runs the invoice's collection timeline up to today: starts it on `strategy` the first time, then
 * takes (or skips, when moot) each step that has fallen due, once, in date order, and defers those a
 * plan, dispute or hold holds back until it ends.
 */
export type AdvanceCollectionTimeline = Command<
  'AdvanceCollectionTimeline',
  { invoiceId: string; strategy: CollectionStrategy; arm: StrategyArm; policies: ContactPolicies }
>;

/** The timeline part of the account's commands. */
export type TimelineCommand = AdvanceCollectionTimeline;
