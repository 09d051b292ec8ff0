import { Inject, Injectable } from '@nestjs/common';
import { ContactPoliciesInForce } from '@arrears/commands';
import {
  defaultTimelines,
  strategyTemplateProblems,
  templatesIn,
  timelineProblems,
  type CollectionStrategy,
  type CollectionTimelines,
  type SchedulerSettings,
  type StrategyAssignment,
} from '@arrears/domain';
import { APP_CONFIG, type AppConfig } from '@arrears/platform';
import { ScoringInForce } from '@arrears/projections';

/**
 * The scheduler's settings from the configuration: COLLECTION_STRATEGIES merged over the built-in
 * strategies and checked at boot (an unknown strategy, a malformed step, or a message step the templates
 * in force cannot say or would let escalate unmarked stops the service); the scoring in force, whose
 * risk segments pick the strategy of a creditor that assigns them by segment.
 */
@Injectable()
export class SchedulerSettingsInForce {
  readonly settings: SchedulerSettings;
  /** The sweep's parts (SCHEDULER_PARTITIONS), and how often each process wakes to sweep them. */
  readonly sweep: { partitions: number; intervalMs: number };

  constructor(@Inject(APP_CONFIG) config: AppConfig, contactPolicies: ContactPoliciesInForce) {
    const configured = config.collectionStrategies as Partial<CollectionTimelines>;
    const timelines: CollectionTimelines = {
      strategies: { ...defaultTimelines.strategies, ...configured.strategies },
      default: configured.default ?? defaultTimelines.default,
      byCreditor: configured.byCreditor ?? {},
    };
    const problems = wellFormed(timelines)
      ? [...timelineProblems(timelines), ...strategyTemplateProblems(timelines, templatesIn(contactPolicies.policies))]
      : ['it must hold strategies with steps, and assignments naming a champion'];
    if (problems.length) throw new Error(`COLLECTION_STRATEGIES: ${problems.join('; ')}`);
    this.sweep = { partitions: config.schedulerPartitions, intervalMs: config.schedulerIntervalMs };
    this.settings = {
      timelines,
      policies: contactPolicies.policies,
      installmentGraceDays: config.installmentGraceDays,
      planBreakAfter: config.planBreakAfter,
      scoring: new ScoringInForce(config).scoring,
    };
  }
}

function wellFormed(timelines: CollectionTimelines): boolean {
  // The configuration is JSON: until checked, a strategy or an assignment may be null or of any shape.
  const strategies = Object.values(timelines.strategies) as (Partial<CollectionStrategy> | null)[];
  const assignments = [timelines.default, ...Object.values(timelines.byCreditor)] as (Partial<StrategyAssignment> | null)[];
  const inSegments = assignments.flatMap((assignment) => Object.values(assignment?.bySegment ?? {})) as (Partial<StrategyAssignment> | null)[];
  return (
    strategies.every((strategy) => typeof strategy?.strategyId === 'string' && Array.isArray(strategy.steps)) &&
    [...assignments, ...inSegments].every((assignment) => typeof assignment?.champion === 'string')
  );
}
