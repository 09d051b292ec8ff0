import { entryOf } from '../lookup/entry-of';
import { addDays, type IsoDate } from '../calendar/calendar';
import type { ContactChannel } from '../compliance/contact-policy';
import { riskSegments, type RiskSegment } from '../risk/risk-segments';

/** What a step of the collection timeline does when it falls due. */
export type StepAction =
  | { kind: 'notify'; channel: Extract<ContactChannel, 'email' | 'sms' | 'letter'>; template: string }
  | { kind: 'mark_payment_missed' }
  | { kind: 'assess_late_fee' }
  | { kind: 'call_task' }
  | { kind: 'place_with_agency'; agencyId: string }
  | { kind: 'legal_review' };

/**
 * One step of a strategy, `days` after its anchor: the invoice's due date, or the day its grace
 * period ends (due date + grace days). Negative days fall before the anchor.
 */
export interface TimelineStep {
  step: string;
  from: 'dueOn' | 'graceEnd';
  days: number;
  action: StepAction;
  /**
   * A step that threatens action or demands payment by a date (a "final notice"): it must not overshadow
   * the debtor's rights during the validation period (12 CFR 1006.38(b)), so it waits for the period to end.
   */
  escalation?: true;
}

/** A collection strategy as data: its steps, which the scheduler takes in date order. */
export interface CollectionStrategy {
  strategyId: string;
  steps: TimelineStep[];
  /** Whether a late fee falling due during a dispute or a hold waits for it to end (the default) or is assessed. */
  lateFeesWhileDisputedOrHeld?: LateFeesWhileDisputedOrHeld;
}

export const lateFeesWhileDisputedOrHeld = ['defer', 'assess'] as const;
export type LateFeesWhileDisputedOrHeld = (typeof lateFeesWhileDisputedOrHeld)[number];

export type StrategyArm = 'champion' | 'challenger';

/** Which strategies accounts follow: the champion, and a challenger for a share of them. */
export interface ArmAssignment {
  champion: string;
  challenger?: string;
  /** Percentage of accounts (by a stable hash of the account id) that follow the challenger. */
  challengerPercent?: number;
}

/** A creditor's assignment, and in place of it for the accounts of a risk segment, that segment's own. */
export interface StrategyAssignment extends ArmAssignment {
  bySegment?: Partial<Record<RiskSegment, ArmAssignment>>;
}

export interface CollectionTimelines {
  strategies: Record<string, CollectionStrategy>;
  default: StrategyAssignment;
  byCreditor: Record<string, StrategyAssignment>;
}

/** Steps that only keep the books straight. */
export const bookkeepingActions: readonly StepAction['kind'][] = ['mark_payment_missed', 'assess_late_fee'];
/** Steps that reach the debtor: the only ones that go stale, and the ones a cease request makes moot. */
export const communicatingActions: readonly StepAction['kind'][] = ['notify', 'call_task'];

/** Placing the debt with an agency and legal review escalate by their kind, whatever the step says. */
export const escalatingActions: readonly StepAction['kind'][] = ['place_with_agency', 'legal_review'];
export const isEscalation = (step: TimelineStep): boolean => step.escalation === true || escalatingActions.includes(step.action.kind);

const step = (name: string, from: TimelineStep['from'], days: number, action: StepAction, escalation?: true): TimelineStep => ({
  step: name,
  from,
  days,
  action,
  ...(escalation && { escalation }),
});

/** The strategies the service ships with: a standard timeline, and one that texts earlier and more. */
export const standardStrategy: CollectionStrategy = {
  strategyId: 'standard',
  steps: [
    step('reminder', 'dueOn', -3, { kind: 'notify', channel: 'email', template: 'payment-reminder' }),
    step('payment_missed', 'graceEnd', 1, { kind: 'mark_payment_missed' }),
    step('sms', 'graceEnd', 3, { kind: 'notify', channel: 'sms', template: 'past-due-sms' }),
    step('call_task', 'graceEnd', 7, { kind: 'call_task' }),
    step('late_fee', 'graceEnd', 10, { kind: 'assess_late_fee' }),
    step('final_notice', 'graceEnd', 60, { kind: 'notify', channel: 'letter', template: 'final-notice' }, true),
    step('agency_placement', 'graceEnd', 90, { kind: 'place_with_agency', agencyId: 'default-agency' }),
    step('legal_review', 'graceEnd', 120, { kind: 'legal_review' }),
  ],
};

export const earlyContactStrategy: CollectionStrategy = {
  strategyId: 'early-contact',
  steps: [
    step('reminder', 'dueOn', -5, { kind: 'notify', channel: 'sms', template: 'payment-reminder-sms' }),
    step('due_day_reminder', 'dueOn', 0, { kind: 'notify', channel: 'email', template: 'payment-reminder' }),
    step('payment_missed', 'graceEnd', 1, { kind: 'mark_payment_missed' }),
    step('call_task', 'graceEnd', 2, { kind: 'call_task' }),
    step('late_fee', 'graceEnd', 10, { kind: 'assess_late_fee' }),
    step('final_notice', 'graceEnd', 45, { kind: 'notify', channel: 'letter', template: 'final-notice' }, true),
    step('agency_placement', 'graceEnd', 75, { kind: 'place_with_agency', agencyId: 'default-agency' }),
    step('legal_review', 'graceEnd', 120, { kind: 'legal_review' }),
  ],
};

export const defaultTimelines: CollectionTimelines = {
  strategies: { [standardStrategy.strategyId]: standardStrategy, [earlyContactStrategy.strategyId]: earlyContactStrategy },
  default: { champion: 'standard', challenger: 'early-contact', challengerPercent: 20 },
  byCreditor: {},
};

/** The day a step falls due for an invoice. */
export const stepDate = (invoice: { dueOn: IsoDate; terms: { graceDays: number } }, timelineStep: TimelineStep): IsoDate =>
  addDays(timelineStep.from === 'dueOn' ? invoice.dueOn : addDays(invoice.dueOn, invoice.terms.graceDays), timelineStep.days);

/** 0–99 from the account id (FNV-1a): the same account always lands in the same arm. */
export function stableBucket(accountId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < accountId.length; i++) {
    hash ^= accountId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % 100;
}

/**
 * Champion or challenger in an experiment: `challengerPercent` of accounts, by a stable hash of the
 * account id, are challengers. Each experiment other than the strategies' names itself, so that its
 * challengers are not the very accounts that challenge a strategy too (their effects would be confounded).
 */
export const armOf = (accountId: string, challengerPercent: number, experiment = ''): StrategyArm =>
  stableBucket(experiment + accountId) < challengerPercent ? 'challenger' : 'champion';

/**
 * The strategy an account follows, and whether as champion or challenger: its creditor's assignment
 * (else the default), or within it its risk segment's when it has one (see riskSegmentOf).
 */
export function strategyFor(
  timelines: CollectionTimelines,
  creditorId: string,
  accountId: string,
  segment: RiskSegment | null = null,
): { strategy: CollectionStrategy; arm: StrategyArm } {
  const creditors = entryOf(timelines.byCreditor, creditorId) ?? timelines.default;
  const assignment = (segment ? entryOf(creditors.bySegment ?? {}, segment) : undefined) ?? creditors;
  const arm = assignment.challenger ? armOf(accountId, assignment.challengerPercent ?? 0) : 'champion';
  const strategyId = arm === 'challenger' ? (assignment.challenger as string) : assignment.champion;
  return { strategy: entryOf(timelines.strategies, strategyId) as CollectionStrategy, arm };
}

/** A configuration's problems (unknown strategies, bad percentages, duplicate steps); empty when sound. */
export function timelineProblems(timelines: CollectionTimelines): string[] {
  const problems: string[] = [];
  for (const strategy of Object.values(timelines.strategies)) {
    const names = strategy.steps.map((s) => s.step);
    if (new Set(names).size !== names.length) problems.push(`strategy ${strategy.strategyId} names a step twice`);
    if (strategy.steps.some((s) => !Number.isInteger(s.days))) problems.push(`strategy ${strategy.strategyId} has a step whose days are not whole`);
    // A payment is missed, and a fee due, only once the grace period is over.
    if (strategy.steps.some((s) => bookkeepingActions.includes(s.action.kind) && (s.from !== 'graceEnd' || s.days < 1))) {
      problems.push(`strategy ${strategy.strategyId}: missed-payment and late-fee steps must fall at least 1 day after graceEnd`);
    }
    // A step that escalates says so plainly, or it would slip past the validation period unnoticed.
    // The configuration is JSON: until checked, the flag may be of any type.
    const flagOf = (s: TimelineStep): unknown => s.escalation;
    if (strategy.steps.some((s) => flagOf(s) !== undefined && flagOf(s) !== true)) {
      problems.push(`strategy ${strategy.strategyId}: a step's escalation, when given, must be true`);
    }
    const lateFees = strategy.lateFeesWhileDisputedOrHeld;
    if (lateFees !== undefined && !lateFeesWhileDisputedOrHeld.includes(lateFees)) {
      problems.push(`strategy ${strategy.strategyId}: lateFeesWhileDisputedOrHeld must be ${lateFeesWhileDisputedOrHeld.join(' or ')}`);
    }
  }
  for (const [scope, assignment] of assignmentsOf(timelines)) {
    for (const id of [assignment.champion, assignment.challenger]) {
      if (id !== undefined && !entryOf(timelines.strategies, id)) problems.push(`${scope} assigns unknown strategy ${id}`);
    }
    const percent = assignment.challengerPercent ?? 0;
    if (!Number.isInteger(percent) || percent < 0 || percent > 100) problems.push(`${scope}: challengerPercent must be 0–100`);
  }
  for (const [scope, assignment] of [['default', timelines.default] as const, ...Object.entries(timelines.byCreditor)]) {
    const unknown = Object.keys(assignment.bySegment ?? {}).filter((segment) => !(riskSegments as readonly string[]).includes(segment));
    if (unknown.length) problems.push(`${scope}: bySegment names ${unknown.join(', ')}; the segments are ${riskSegments.join(', ')}`);
  }
  return problems;
}

/** Every assignment of a configuration, named by where it sits: the default, each creditor's, and their segments'. */
const assignmentsOf = (timelines: CollectionTimelines): (readonly [string, ArmAssignment])[] =>
  [['default', timelines.default] as const, ...Object.entries(timelines.byCreditor)].flatMap(([scope, assignment]) => [
    [scope, assignment] as const,
    ...Object.entries(assignment.bySegment ?? {}).map(([segment, inSegment]) => [`${scope}.bySegment.${segment}`, inSegment] as const),
  ]);
