import { behaviourFeatureNames, type BehaviourFeature } from './behaviour-features';
import type { ScoreModel } from './score-model';

const each = (value: number) => Object.fromEntries(behaviourFeatureNames.map((feature) => [feature, value])) as Record<BehaviourFeature, number>;

/**
 * A hand-made model for specifications: paying on time raises the propensity, days past due and broken
 * promises lower it; nothing else counts. At the means it reads `sigmoid(intercept + 2 × ½ − 0.4 × 2)`.
 */
export const fixtureModel = (version: string, changes: Partial<ScoreModel> = {}): ScoreModel => ({
  version,
  horizonDays: 30,
  targetShare: 0.5,
  intercept: 0,
  weights: { ...each(0), paidOnTimeShare: 2, daysPastDue: -0.4, promisesBroken: -1 },
  means: { ...each(0), paidOnTimeShare: 0.5, daysPastDue: 2 },
  training: { from: '2026-01-01', to: '2026-06-30', examples: 1000, heldOut: 250, auc: 0.8, calibration: [] },
  ...changes,
});
