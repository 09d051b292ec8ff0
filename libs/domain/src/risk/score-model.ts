import { behaviourFeatureNames, type BehaviourFeature, type BehaviourFeatures } from './behaviour-features';

/**
 * A logistic model of the probability that an account pays `targetShare` of its overdue balance within
 * `horizonDays`: log-odds = intercept + Σ weight × feature. Linear in log-odds, so each feature's part
 * of an account's score is exact: weight × (its value − the training portfolio's mean).
 */
export interface ScoreModel {
  /** e.g. `behaviour-2026-12-01`: stored on every score, so a score is always traced to its model. */
  version: string;
  horizonDays: number;
  targetShare: number;
  intercept: number;
  weights: Record<BehaviourFeature, number>;
  /** Each feature's mean over the training accounts: the "average account" contributions are measured from. */
  means: Record<BehaviourFeature, number>;
  /** Where the model came from: its training window and how it did on accounts held out of training. */
  training: ScoreTraining;
}

export interface ScoreTraining {
  /** The business dates whose account states were the examples; outcomes were read up to `to` + horizon. */
  from: string;
  to: string;
  examples: number;
  heldOut: number;
  auc: number;
  /** What portfolio the examples came from, when it says more than the window (a simulated one: its seed and size). */
  source?: string;
  /** By decile of predicted probability, lowest first: accounts, mean predicted, share that paid. */
  calibration: { accounts: number; predicted: number; observed: number }[];
}

export interface FeatureContribution {
  feature: BehaviourFeature;
  value: number;
  /** In log-odds, against the average account; the contributions add up to `logOdds − baselineLogOdds`. */
  contribution: number;
}

export interface Propensity {
  modelVersion: string;
  probability: number;
  logOdds: number;
  /** The log-odds of the training portfolio's average account. */
  baselineLogOdds: number;
  contributions: FeatureContribution[];
}

const sigmoid = (logOdds: number) => 1 / (1 + Math.exp(-logOdds));

export const baselineLogOddsOf = (model: ScoreModel): number =>
  behaviourFeatureNames.reduce((sum, feature) => sum + model.weights[feature] * model.means[feature], model.intercept);

export function propensityOf(model: ScoreModel, features: BehaviourFeatures): Propensity {
  const baselineLogOdds = baselineLogOddsOf(model);
  const contributions = behaviourFeatureNames.map((feature) => ({
    feature,
    value: features[feature],
    contribution: model.weights[feature] * (features[feature] - model.means[feature]),
  }));
  const logOdds = contributions.reduce((sum, part) => sum + part.contribution, baselineLogOdds);
  return { modelVersion: model.version, probability: sigmoid(logOdds), logOdds, baselineLogOdds, contributions };
}
