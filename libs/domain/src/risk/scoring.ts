import { entryOf, setEntry } from '../lookup/entry-of';
import type { IsoDate } from '../calendar/calendar';
import type { OpenedAccount } from '../account/account.state';
import { armOf, type StrategyArm } from '../timeline/strategy';
import { behaviourFeatureNames, behaviourFeatures } from './behaviour-features';
import { propensityOf, type FeatureContribution, type ScoreModel } from './score-model';
import { riskSegmentBandProblems, riskSegmentOf, type RiskSegment, type RiskSegmentBands } from './risk-segments';

/** Which model scores an account: the champion's, or for a share of accounts the challenger's. */
export type ScoringArm = StrategyArm;

/** The models in use: the champion, and a challenger for `challengerShare` (0–1, to the whole percent) of accounts. */
export interface ScoringAssignment {
  champion: string;
  challenger?: string;
  challengerShare?: number;
}

/** The scoring in force: the models by version, which of them score whom (none without models), and the risk bands. */
export interface Scoring {
  models: Record<string, ScoreModel>;
  assignment: ScoringAssignment | null;
  bands: RiskSegmentBands;
}

/** An account's score as the read side keeps it: traced to its model and arm, explained feature by feature. */
export interface AccountScore {
  modelVersion: string;
  arm: ScoringArm;
  /** The probability that the account pays (its model's `targetShare` of what is overdue within `horizonDays`). */
  probability: number;
  segment: RiskSegment;
  /** The probability of the training portfolio's average account, which the contributions are measured from. */
  baselineProbability: number;
  /** Each feature's part in log-odds, largest (by size) first: together they lead from the baseline to the account. */
  contributions: FeatureContribution[];
}

// The scoring experiment's own salt: its challengers are not the strategies' challengers.
const scoringExperiment = 'score-model:';

/** The model that scores an account and its arm, by the same stable hash as the strategies' arms. */
export function scoringArmFor(assignment: ScoringAssignment, accountId: string): { arm: ScoringArm; modelVersion: string } {
  const arm = assignment.challenger ? armOf(accountId, Math.round((assignment.challengerShare ?? 0) * 100), scoringExperiment) : 'champion';
  return { arm, modelVersion: arm === 'challenger' ? (assignment.challenger as string) : assignment.champion };
}

const sigmoid = (logOdds: number) => 1 / (1 + Math.exp(-logOdds));

/** The account's score on `today` (the debtor's date), or null when no model is in use. */
export function accountScore(scoring: Scoring, account: OpenedAccount, today: IsoDate): AccountScore | null {
  if (!scoring.assignment) return null;
  const { arm, modelVersion } = scoringArmFor(scoring.assignment, account.accountId);
  // scoringFrom has checked that every assigned version is loaded.
  const model = entryOf(scoring.models, modelVersion) as ScoreModel;
  const propensity = propensityOf(model, behaviourFeatures(account, today));
  return {
    modelVersion,
    arm,
    probability: propensity.probability,
    segment: riskSegmentOf(propensity.probability, scoring.bands),
    baselineProbability: sigmoid(propensity.baselineLogOdds),
    contributions: [...propensity.contributions].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution)),
  };
}

/** A model file as found in the models' folder: its name (for messages) and its parsed content, unchecked. */
export interface ScoreModelFile {
  file: string;
  content: unknown;
}

/**
 * The scoring from the model files, the configured assignment (absent: the newest model, by the end
 * of its training window, then by version, is the champion) and the bands, with every problem found;
 * a service must not start on a scoring with problems.
 */
export function scoringFrom(files: ScoreModelFile[], assignment: unknown, bands: RiskSegmentBands): { scoring: Scoring; problems: string[] } {
  const problems = [...riskSegmentBandProblems(bands).map((problem) => `RISK_SEGMENTS: ${problem}`)];
  const models: Record<string, ScoreModel> = {};
  for (const { file, content } of files) {
    const found = scoreModelProblems(content);
    if (found.length) problems.push(`${file}: ${found.join('; ')}`);
    else if (entryOf(models, (content as ScoreModel).version)) problems.push(`${file}: model ${(content as ScoreModel).version} is in another file too`);
    else setEntry(models, (content as ScoreModel).version, content as ScoreModel);
  }
  const chosen = assignment === undefined ? newestChampion(Object.values(models)) : assignment;
  const assignmentFound = assignment === undefined && chosen === null ? [] : assignmentProblems(chosen, models);
  problems.push(...assignmentFound.map((problem) => `SCORE_MODELS: ${problem}`));
  return { scoring: { models, assignment: assignmentFound.length ? null : (chosen as ScoringAssignment | null), bands }, problems };
}

const newestChampion = (models: ScoreModel[]): ScoringAssignment | null => {
  const newest = [...models].sort((a, b) => a.training.to.localeCompare(b.training.to) || a.version.localeCompare(b.version)).pop();
  return newest ? { champion: newest.version } : null;
};

function assignmentProblems(value: unknown, models: Record<string, ScoreModel>): string[] {
  const assignment = value as Partial<Record<keyof ScoringAssignment, unknown>> | null;
  if (!assignment || typeof assignment !== 'object' || typeof assignment.champion !== 'string')
    return ['it must be a JSON object naming a champion: {"champion":"<version>","challenger":"<version>","challengerShare":0.2}'];
  const known = Object.keys(models).join(', ') || 'none';
  const problems = [assignment.champion, assignment.challenger]
    .filter((version) => version !== undefined && (typeof version !== 'string' || !entryOf(models, version)))
    .map((version) => `no model ${String(version)} in the models' folder (models found: ${known})`);
  const share = assignment.challengerShare;
  if (share !== undefined && (typeof share !== 'number' || share < 0 || share > 1)) problems.push('challengerShare must be a number from 0 to 1');
  if (share !== undefined && assignment.challenger === undefined) problems.push('challengerShare needs a challenger');
  return problems;
}

const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** What is wrong with a model file's content: a ScoreModel weighs and centres every feature, and only those. */
export function scoreModelProblems(content: unknown): string[] {
  const model = content as Partial<Record<keyof ScoreModel, unknown>> | null;
  if (!model || typeof model !== 'object') return ['it must be a JSON object (a ScoreModel)'];
  const problems: string[] = [];
  if (typeof model.version !== 'string' || !model.version) problems.push('version must be a non-empty string');
  if (!finite(model.intercept) || !finite(model.horizonDays) || !finite(model.targetShare))
    problems.push('intercept, horizonDays and targetShare must be numbers');
  for (const part of ['weights', 'means'] as const) {
    const values = (model[part] ?? {}) as Record<string, unknown>;
    const missing = behaviourFeatureNames.filter((feature) => !finite(values[feature]));
    const unknown = Object.keys(values).filter((feature) => !(behaviourFeatureNames as readonly string[]).includes(feature));
    if (missing.length) problems.push(`${part} lacks a number for ${missing.join(', ')}`);
    if (unknown.length) problems.push(`${part} names features this service does not compute: ${unknown.join(', ')}`);
  }
  const training = model.training as Partial<Record<string, unknown>> | undefined;
  if (!training || typeof training.to !== 'string' || typeof training.from !== 'string') problems.push('training must give its window (from, to)');
  return problems;
}
