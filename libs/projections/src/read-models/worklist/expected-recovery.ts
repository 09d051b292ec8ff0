import { behaviourFeatureLabels, type AccountScore } from '@arrears/domain';

/** A score as readers show it: traced to its model and arm, each feature's part in words, largest first. */
export function scoreExplanation(score: AccountScore) {
  return {
    modelVersion: score.modelVersion,
    arm: score.arm,
    probability: score.probability,
    segment: score.segment,
    baselineProbability: score.baselineProbability,
    contributions: score.contributions.map(({ feature, value, contribution }) => ({ feature, label: behaviourFeatureLabels[feature], value, contribution })),
  };
}

export type ScoreExplanation = ReturnType<typeof scoreExplanation>;

/**
 * What working the account now is expected to recover, with its three parts: the overdue balance, the
 * propensity to pay (its model's target share within its horizon), and whether the account may be
 * contacted now (0 or 1). Minor units, rounded.
 */
export function expectedRecoveryOf(overdueAmount: number, score: AccountScore, contactableNow: boolean) {
  return {
    total: Math.round(overdueAmount * score.probability * (contactableNow ? 1 : 0)),
    parts: { overdueAmount, propensity: score.probability, contactableNow },
  };
}

export type ExpectedRecovery = ReturnType<typeof expectedRecoveryOf>;

/**
 * Lines by expected recovery, highest first, the stored order kept between equals (a stable sort). The
 * store sorts by overdue × propensity; whether an account is contactable changes with the clock (the
 * debtor's hours, calls in the last 7 days), so it is applied to the lines read.
 */
export const byExpectedRecovery = <T extends { expectedRecovery: ExpectedRecovery | null }>(lines: T[]): T[] =>
  [...lines].sort((a, b) => (b.expectedRecovery?.total ?? -1) - (a.expectedRecovery?.total ?? -1));
