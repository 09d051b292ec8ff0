import { behaviourFeatureNames, type BehaviourFeature, type BehaviourFeatures } from './behaviour-features';
import { propensityOf, type ScoreModel, type ScoreTraining } from './score-model';

/** One account's state on a cutoff date, and whether it then paid as the model's target says. */
export interface TrainingExample {
  accountId: string;
  cutoff: string;
  features: BehaviourFeatures;
  paid: boolean;
}

/** What a model is asked to predict and the dates its examples were read on. */
export interface TrainingTarget {
  version: string;
  horizonDays: number;
  targetShare: number;
  from: string;
  to: string;
  source?: string;
}

/** The ridge penalty on the standardised weights: enough to keep a separable portfolio's weights finite. */
export const defaultL2 = 1;
/** One account in this many is held out of training, the same ones on every run (by a hash of its id). */
const heldOutOneIn = 5;

/** FNV-1a: a stable hash of the account id, so that an account is held out on every run or never. */
export function isHeldOut(accountId: string): boolean {
  let hash = 0x811c9dc5;
  for (let i = 0; i < accountId.length; i++) hash = Math.imul(hash ^ accountId.charCodeAt(i), 0x01000193) >>> 0;
  return hash % heldOutOneIn === 0;
}

/**
 * A logistic model fitted on the examples of the accounts not held out, and judged on those held out:
 * its AUC and calibration by decile. Deterministic: the same examples give the same model.
 */
export function trainScoreModel(examples: readonly TrainingExample[], target: TrainingTarget, l2 = defaultL2): ScoreModel {
  const training = examples.filter((example) => !isHeldOut(example.accountId));
  const heldOut = examples.filter((example) => isHeldOut(example.accountId));
  const rows = training.map((example) => behaviourFeatureNames.map((feature) => example.features[feature]));
  const fit = fitLogistic(
    rows,
    training.map((example) => (example.paid ? 1 : 0)),
    l2,
  );
  const byFeature = <T>(values: readonly T[]) =>
    Object.fromEntries(behaviourFeatureNames.map((feature, i) => [feature, values[i]])) as Record<BehaviourFeature, T>;
  const unscored: ScoreModel = {
    version: target.version,
    horizonDays: target.horizonDays,
    targetShare: target.targetShare,
    intercept: fit.intercept,
    weights: byFeature(fit.weights),
    means: byFeature(fit.means),
    training: {
      from: target.from,
      to: target.to,
      ...(target.source !== undefined && { source: target.source }),
      examples: training.length,
      heldOut: heldOut.length,
      auc: 0.5,
      calibration: [],
    },
  };
  return { ...unscored, training: { ...unscored.training, ...judged(unscored, heldOut) } };
}

/** The model's AUC and calibration on `examples`. */
export function judged(model: ScoreModel, examples: readonly TrainingExample[]): Pick<ScoreTraining, 'auc' | 'calibration'> {
  const predicted = examples.map((example) => propensityOf(model, example.features).probability);
  const labels = examples.map((example) => example.paid);
  return { auc: auc(predicted, labels), calibration: calibrationByDecile(predicted, labels) };
}

export interface LogisticFit {
  intercept: number;
  /** On the features' own scale. */
  weights: number[];
  /** Each feature's mean over the rows. */
  means: number[];
}

const newtonSteps = 50;
const converged = 1e-9;

/**
 * Logistic regression by Newton's method (IRLS) on standardised features with an L2 penalty on the
 * weights (not the intercept), then brought back to the features' own scale. A feature that never
 * varies standardises to 0 and gets no weight.
 */
export function fitLogistic(rows: readonly number[][], labels: readonly number[], l2 = defaultL2): LogisticFit {
  const width = rows[0]?.length ?? 0;
  const means = Array.from({ length: width }, (_, j) => mean(rows.map((row) => row[j] as number)));
  const spreads = means.map((m, j) => Math.sqrt(mean(rows.map((row) => ((row[j] as number) - m) ** 2))) || 1);
  // Column 0 is the intercept; the others are the standardised features.
  const design = rows.map((row) => [1, ...row.map((value, j) => (value - (means[j] as number)) / (spreads[j] as number))]);
  let beta = new Array<number>(width + 1).fill(0);
  for (let step = 0; step < newtonSteps; step++) {
    const { gradient, hessian } = derivatives(design, labels, beta, l2);
    const delta = solve(hessian, gradient);
    beta = beta.map((b, j) => b + (delta[j] as number));
    if (Math.max(...delta.map(Math.abs)) < converged) break;
  }
  const weights = means.map((_, j) => (beta[j + 1] as number) / (spreads[j] as number));
  const intercept = (beta[0] as number) - weights.reduce((sum, w, j) => sum + w * (means[j] as number), 0);
  return { intercept, weights, means };
}

/** The penalised log-likelihood's gradient and its negated Hessian (positive definite), at `beta`. */
function derivatives(design: readonly number[][], labels: readonly number[], beta: readonly number[], l2: number) {
  const size = beta.length;
  const gradient = beta.map((b, j) => (j === 0 ? 0 : -l2 * b));
  const hessian = Array.from({ length: size }, (_, j) => Array.from({ length: size }, (__, k) => (j === k && j > 0 ? l2 : 0)));
  design.forEach((x, i) => {
    const p = sigmoid(x.reduce((sum, value, j) => sum + value * (beta[j] as number), 0));
    const residual = (labels[i] as number) - p;
    const weight = p * (1 - p);
    for (let j = 0; j < size; j++) {
      gradient[j] = (gradient[j] as number) + residual * (x[j] as number);
      const rowJ = hessian[j] as number[];
      for (let k = 0; k < size; k++) rowJ[k] = (rowJ[k] as number) + weight * (x[j] as number) * (x[k] as number);
    }
  });
  return { gradient, hessian };
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and positive definite). */
function solve(matrix: readonly number[][], vector: readonly number[]): number[] {
  const n = vector.length;
  const a = matrix.map((row, i) => [...row, vector[i] as number]);
  const at = (row: number, col: number) => (a[row] as number[])[col] as number;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) if (Math.abs(at(row, col)) > Math.abs(at(pivot, col))) pivot = row;
    [a[col], a[pivot]] = [a[pivot] as number[], a[col] as number[]];
    if (at(col, col) === 0) continue;
    for (let row = col + 1; row < n; row++) {
      const factor = at(row, col) / at(col, col);
      const target = a[row] as number[];
      for (let k = col; k <= n; k++) target[k] = at(row, k) - factor * at(col, k);
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let row = n - 1; row >= 0; row--) {
    let rest = 0;
    for (let k = row + 1; k < n; k++) rest += at(row, k) * (x[k] as number);
    x[row] = at(row, row) === 0 ? 0 : (at(row, n) - rest) / at(row, row);
  }
  return x;
}

/**
 * The area under the ROC curve by ranks (Mann–Whitney): the chance that a payer drawn at random is
 * scored above a non-payer drawn at random, ties counting half. ½ when either class is empty.
 */
export function auc(scores: readonly number[], positives: readonly boolean[]): number {
  const order = scores.map((_, i) => i).sort((a, b) => (scores[a] as number) - (scores[b] as number));
  const ranks = new Array<number>(scores.length);
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1] as number] === scores[order[start] as number]) end++;
    // Tied scores share the mean of the ranks they span (1-based).
    for (let k = start; k <= end; k++) ranks[order[k] as number] = (start + end) / 2 + 1;
    start = end + 1;
  }
  const count = positives.filter(Boolean).length;
  const negatives = positives.length - count;
  if (count === 0 || negatives === 0) return 0.5;
  const rankSum = positives.reduce((sum, positive, i) => (positive ? sum + (ranks[i] as number) : sum), 0);
  return (rankSum - (count * (count + 1)) / 2) / (count * negatives);
}

/** By decile of predicted probability, lowest first: the examples in it, their mean prediction, and the share that paid. */
export function calibrationByDecile(predicted: readonly number[], positives: readonly boolean[]): ScoreTraining['calibration'] {
  const order = predicted.map((_, i) => i).sort((a, b) => (predicted[a] as number) - (predicted[b] as number) || a - b);
  const deciles = Array.from({ length: 10 }, (_, d) => order.slice(Math.floor((d * order.length) / 10), Math.floor(((d + 1) * order.length) / 10)));
  return deciles
    .filter((decile) => decile.length > 0)
    .map((decile) => ({
      accounts: decile.length,
      predicted: mean(decile.map((i) => predicted[i] as number)),
      observed: decile.filter((i) => positives[i]).length / decile.length,
    }));
}

const mean = (values: readonly number[]) => (values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : 0);
const sigmoid = (logOdds: number) => 1 / (1 + Math.exp(-logOdds));
