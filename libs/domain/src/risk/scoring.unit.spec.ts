import type { AccountEvent } from '../account/account.events';
import { evolve } from '../account/account.evolve';
import { issued, opened } from '../account/account.fixtures';
import { initialAccountState, type OpenedAccount } from '../account/account.state';
import { behaviourFeatureNames, behaviourFeatures } from './behaviour-features';
import { riskSegmentBandProblems, riskSegmentOf, defaultRiskSegmentBands } from './risk-segments';
import { propensityOf } from './score-model';
import { fixtureModel } from './score-model.fixtures';
import { accountScore, scoringArmFor, scoringFrom } from './scoring';
import { defaultTimelines, strategyFor } from '../timeline/strategy';

const accountAfter = (...events: AccountEvent[]) => [opened, ...events].reduce(evolve, initialAccountState()) as OpenedAccount;
const overdue = accountAfter(issued('inv-1', 50_000, '2026-01-01', '2026-01-31'));
const files = (...versions: string[]) => versions.map((version) => ({ file: `${version}.json`, content: fixtureModel(version) }));
const bands = defaultRiskSegmentBands;
const ids = Array.from({ length: 2000 }, (_, i) => `acc-${i}`);

describe('risk segments: bands of the propensity to pay', () => {
  it('put each bound in the band above it: high risk below 0.3, medium from 0.3, low from 0.6', () => {
    expect(riskSegmentOf(0, bands)).toBe('high');
    expect(riskSegmentOf(0.2999, bands)).toBe('high');
    expect(riskSegmentOf(0.3, bands)).toBe('medium');
    expect(riskSegmentOf(0.5999, bands)).toBe('medium');
    expect(riskSegmentOf(0.6, bands)).toBe('low');
    expect(riskSegmentOf(1, bands)).toBe('low');
  });

  it('may leave the medium band empty, and refuse bounds that are not probabilities or are crossed', () => {
    expect(riskSegmentOf(0.5, { highRiskBelow: 0.5, lowRiskFrom: 0.5 })).toBe('low');
    expect(riskSegmentBandProblems({ highRiskBelow: 0.5, lowRiskFrom: 0.5 })).toEqual([]);
    expect(riskSegmentBandProblems({ highRiskBelow: 0.7, lowRiskFrom: 0.6 })).toEqual(['highRiskBelow must not be above lowRiskFrom']);
    expect(riskSegmentBandProblems({ highRiskBelow: -0.1, lowRiskFrom: 1.5 })).toEqual(['highRiskBelow and lowRiskFrom must be probabilities from 0 to 1']);
  });
});

describe('scoring arms: champion and challenger between models', () => {
  const assignment = { champion: 'm-1', challenger: 'm-2', challengerShare: 0.2 };

  it('keep an account in the same arm, and send about the configured share to the challenger', () => {
    expect(scoringArmFor(assignment, 'acc-42')).toEqual(scoringArmFor(assignment, 'acc-42'));
    const challengers = ids.filter((id) => scoringArmFor(assignment, id).arm === 'challenger');
    expect(challengers.length / ids.length).toBeGreaterThan(0.17);
    expect(challengers.length / ids.length).toBeLessThan(0.23);
    expect(scoringArmFor(assignment, challengers[0] as string)).toEqual({ arm: 'challenger', modelVersion: 'm-2' });
  });

  it('send nobody to the challenger at share 0 and everybody at share 1, and all to the champion without one', () => {
    expect(ids.every((id) => scoringArmFor({ ...assignment, challengerShare: 0 }, id).arm === 'champion')).toBe(true);
    expect(ids.every((id) => scoringArmFor({ ...assignment, challengerShare: 1 }, id).modelVersion === 'm-2')).toBe(true);
    expect(ids.every((id) => scoringArmFor({ champion: 'm-1', challengerShare: 1 }, id).modelVersion === 'm-1')).toBe(true);
  });

  it('are drawn apart from the strategies’ arms, so that the two experiments do not challenge the same accounts', () => {
    const both = ids.filter((id) => scoringArmFor(assignment, id).arm === 'challenger' && strategyFor(defaultTimelines, 'cred-1', id).arm === 'challenger');
    // Independent 20 % shares overlap on about 4 % of accounts; the same hash would make it 20 %.
    expect(both.length / ids.length).toBeLessThan(0.08);
  });
});

describe('the scoring in force', () => {
  it('scores nothing and finds nothing wrong without any model', () => {
    const { scoring, problems } = scoringFrom([], undefined, bands);
    expect(problems).toEqual([]);
    expect(scoring.assignment).toBeNull();
    expect(accountScore(scoring, overdue, '2026-03-01')).toBeNull();
  });

  it('makes the newest model (by the end of its training window) the champion when none is named', () => {
    const older = { file: 'b.json', content: fixtureModel('behaviour-b', { training: { ...fixtureModel('x').training, to: '2026-05-31' } }) };
    expect(scoringFrom([older, ...files('behaviour-a')], undefined, bands).scoring.assignment).toEqual({ champion: 'behaviour-a' });
  });

  it('takes a model versioned `__proto__` or `constructor` like any other', () => {
    for (const version of ['__proto__', 'constructor']) {
      const { scoring, problems } = scoringFrom(files(version), { champion: version }, bands);
      expect(problems).toEqual([]);
      expect(Object.keys(scoring.models)).toEqual([version]);
    }
  });

  it('refuses an assignment naming a version not in the folder, saying which ones are', () => {
    const { problems } = scoringFrom(files('m-1'), { champion: 'm-1', challenger: 'm-9', challengerShare: 0.2 }, bands);
    expect(problems).toEqual(["SCORE_MODELS: no model m-9 in the models' folder (models found: m-1)"]);
    expect(scoringFrom([], { champion: 'm-1' }, bands).problems).toEqual(["SCORE_MODELS: no model m-1 in the models' folder (models found: none)"]);
    expect(scoringFrom(files('m-1'), null, bands).problems).toEqual([
      'SCORE_MODELS: it must be a JSON object naming a champion: {"champion":"<version>","challenger":"<version>","challengerShare":0.2}',
    ]);
  });

  it('refuses a share that is not a probability, or one without a challenger', () => {
    expect(scoringFrom(files('m-1', 'm-2'), { champion: 'm-1', challenger: 'm-2', challengerShare: 20 }, bands).problems).toEqual([
      'SCORE_MODELS: challengerShare must be a number from 0 to 1',
    ]);
    expect(scoringFrom(files('m-1'), { champion: 'm-1', challengerShare: 0.2 }, bands).problems).toEqual(['SCORE_MODELS: challengerShare needs a challenger']);
  });

  it('refuses a malformed model file, a feature it does not compute, and a version in two files', () => {
    const { weights } = fixtureModel('m');
    const malformed = [
      { file: 'a.json', content: [] },
      { file: 'b.json', content: { ...fixtureModel('m-b'), weights: { ...weights, daysPastDue: 'x', contactResponsiveness: 1 } } },
      ...files('m-1', 'm-1'),
    ];
    const { problems } = scoringFrom(malformed, undefined, bands);
    const all = behaviourFeatureNames.join(', ');
    expect(problems).toEqual([
      `a.json: version must be a non-empty string; intercept, horizonDays and targetShare must be numbers; weights lacks a number for ${all}; means lacks a number for ${all}; training must give its window (from, to)`,
      'b.json: weights lacks a number for daysPastDue; weights names features this service does not compute: contactResponsiveness',
      'm-1.json: model m-1 is in another file too',
    ]);
  });

  it('scores an account with its arm’s model: the propensity, its segment, and the contributions largest first', () => {
    const { scoring } = scoringFrom(files('m-1'), undefined, bands);
    const score = accountScore(scoring, overdue, '2026-03-01');
    const expected = propensityOf(fixtureModel('m-1'), behaviourFeatures(overdue, '2026-03-01'));
    expect(score).toMatchObject({
      modelVersion: 'm-1',
      arm: 'champion',
      probability: expected.probability,
      segment: riskSegmentOf(expected.probability, bands),
    });
    const sizes = (score?.contributions ?? []).map(({ contribution }) => Math.abs(contribution));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(score?.contributions[0]?.feature).toBe('daysPastDue');
  });
});
