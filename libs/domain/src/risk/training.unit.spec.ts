import type { AccountEvent } from '../account/account.events';
import { evolve } from '../account/account.evolve';
import { issued, opened, paymentReceived } from '../account/account.fixtures';
import { initialAccountState, type OpenedAccount } from '../account/account.state';
import { behaviourFeatureNames, type BehaviourFeatures } from './behaviour-features';
import { cutoffsBetween, examplesOf } from './examples';
import { propensityOf } from './score-model';
import { auc, calibrationByDecile, fitLogistic, isHeldOut, trainScoreModel, type TrainingExample } from './training';

/** A deterministic stream of numbers in [0, 1). */
function uniform(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const featuresWith = (values: Partial<BehaviourFeatures>): BehaviourFeatures => ({
  ...(Object.fromEntries(behaviourFeatureNames.map((feature) => [feature, 0])) as BehaviourFeatures),
  ...values,
});

describe('AUC: the chance a payer is ranked above a non-payer', () => {
  it('is 1 when every payer scores above every non-payer, 0 the other way round', () => {
    expect(auc([0.1, 0.2, 0.8, 0.9], [false, false, true, true])).toBe(1);
    expect(auc([0.9, 0.8, 0.2, 0.1], [false, false, true, true])).toBe(0);
  });

  it('counts ties as half: one score for all is ½', () => {
    expect(auc([0.5, 0.5, 0.5, 0.5], [true, false, true, false])).toBe(0.5);
    expect(auc([0.1, 0.5, 0.5, 0.9], [false, true, false, true])).toBe(0.875);
  });

  it('is about ½ for scores that know nothing of the labels', () => {
    const random = uniform(7);
    const scores = Array.from({ length: 4000 }, random);
    const labels = Array.from({ length: 4000 }, () => random() < 0.4);
    expect(Math.abs(auc(scores, labels) - 0.5)).toBeLessThan(0.03);
  });
});

describe('calibration by decile', () => {
  it('splits the examples into ten groups by prediction, lowest first, their counts and payers adding up', () => {
    const predicted = Array.from({ length: 95 }, (_, i) => i / 95);
    const paid = predicted.map((p) => p > 0.5);
    const deciles = calibrationByDecile(predicted, paid);
    expect(deciles).toHaveLength(10);
    expect(deciles.reduce((sum, decile) => sum + decile.accounts, 0)).toBe(95);
    expect(deciles.reduce((sum, decile) => sum + decile.observed * decile.accounts, 0)).toBeCloseTo(paid.filter(Boolean).length);
    expect(deciles.map((decile) => decile.predicted)).toEqual([...deciles.map((decile) => decile.predicted)].sort((a, b) => a - b));
    expect(deciles[0]).toMatchObject({ observed: 0 });
    expect(deciles[9]).toMatchObject({ observed: 1 });
  });
});

describe('fitting a logistic regression', () => {
  it('recovers the weights that made the labels, on the features’ own scale', () => {
    const random = uniform(3);
    const rows = Array.from({ length: 6000 }, () => [random() * 10, random() * 2 - 1]);
    const labels = rows.map(([a, b]) => (random() < 1 / (1 + Math.exp(-(-1 + 0.3 * a! - 2 * b!))) ? 1 : 0));
    const fit = fitLogistic(rows, labels, 0.01);
    expect(fit.intercept).toBeCloseTo(-1, 0);
    expect(fit.weights[0]).toBeCloseTo(0.3, 1);
    expect(fit.weights[1]).toBeCloseTo(-2, 0);
    expect(fit.means[0]).toBeCloseTo(5, 0);
  });

  it('keeps the weights finite on separable labels, and gives no weight to a feature that never varies', () => {
    const rows = Array.from({ length: 200 }, (_, i) => [i, 4]);
    const fit = fitLogistic(
      rows,
      rows.map(([x]) => (x! >= 100 ? 1 : 0)),
    );
    expect(Number.isFinite(fit.weights[0])).toBe(true);
    expect(fit.weights[0]).toBeGreaterThan(0);
    expect(fit.weights[1]).toBe(0);
  });

  it('is deterministic: the same rows give the same model', () => {
    const rows = [[1], [2], [3], [4]];
    expect(fitLogistic(rows, [0, 1, 0, 1])).toEqual(fitLogistic(rows, [0, 1, 0, 1]));
  });
});

describe('training a score model', () => {
  const target = { version: 'behaviour-test', horizonDays: 30, targetShare: 0.5, from: '2026-01-01', to: '2026-03-31' };
  const examplesWhere = (pays: (onTime: number, draw: number) => boolean): TrainingExample[] => {
    const random = uniform(11);
    return Array.from({ length: 3000 }, (_, i) => {
      const onTime = random();
      return {
        accountId: `acc-${i}`,
        cutoff: '2026-02-01',
        features: featuresWith({ paidOnTimeShare: onTime, daysPastDue: random() }),
        paid: pays(onTime, random()),
      };
    });
  };

  it('holds out the same fifth of the accounts on every run, by their id', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `acc-${i}`);
    const held = ids.filter(isHeldOut);
    expect(held.length / ids.length).toBeGreaterThan(0.17);
    expect(held.length / ids.length).toBeLessThan(0.23);
    expect(ids.filter(isHeldOut)).toEqual(held);
  });

  it('judges on the held-out accounts only: AUC near 1 when a feature decides, near ½ when nothing does', () => {
    const separable = trainScoreModel(
      examplesWhere((onTime) => onTime > 0.5),
      target,
    );
    expect(separable.training.auc).toBeGreaterThan(0.99);
    expect(separable.weights.paidOnTimeShare).toBeGreaterThan(0);
    expect(separable.training.examples + separable.training.heldOut).toBe(3000);
    const random = trainScoreModel(
      examplesWhere((_, draw) => draw < 0.5),
      target,
    );
    expect(Math.abs(random.training.auc - 0.5)).toBeLessThan(0.06);
  });

  it('is calibrated where the truth is logistic: each decile’s mean prediction near its payers’ share', () => {
    const model = trainScoreModel(
      examplesWhere((onTime, draw) => draw < 1 / (1 + Math.exp(2 - 5 * onTime))),
      target,
    );
    expect(model.training.calibration.reduce((sum, decile) => sum + decile.accounts, 0)).toBe(model.training.heldOut);
    // About 60 held-out examples a decile: a share that paid is known to within ±0.13 (two standard errors).
    for (const decile of model.training.calibration) expect(Math.abs(decile.predicted - decile.observed)).toBeLessThan(0.15);
    expect(model).toMatchObject({ version: 'behaviour-test', horizonDays: 30, targetShare: 0.5, training: { from: '2026-01-01', to: '2026-03-31' } });
    expect(propensityOf(model, featuresWith({ paidOnTimeShare: 0.9 })).probability).toBeGreaterThan(
      propensityOf(model, featuresWith({ paidOnTimeShare: 0.1 })).probability,
    );
  });
});

describe('examples from an account’s history', () => {
  const history: AccountEvent[] = [
    issued('inv-1', 10_000, '2026-01-01', '2026-01-31'),
    issued('inv-2', 10_000, '2026-02-01', '2026-02-28'),
    paymentReceived(10_000, '2026-03-20', { paymentId: 'pay-1', allocations: [{ invoiceId: 'inv-1', amount: 10_000 }] }),
  ];
  const dayOf = (event: AccountEvent) =>
    event.type === 'InvoiceIssued' ? event.data.issuedOn : event.type === 'PaymentReceived' ? event.data.receivedOn : '2026-01-01';
  const asAt = (cutoff: string) => [opened, ...history.filter((event) => dayOf(event) <= cutoff)].reduce(evolve, initialAccountState()) as OpenedAccount;
  const today = asAt('2026-12-31');

  it('reads the account as of each cutoff with something overdue, and labels it by what was paid in the horizon after', () => {
    const examples = examplesOf(today, asAt, ['2026-01-15', '2026-02-10', '2026-03-05'], { horizonDays: 30, targetShare: 0.5 });
    // Nothing was overdue on 15 January; 100 was on 10 February (none paid by 12 March); 200 on 5 March (100 paid on 20 March).
    expect(examples.map(({ cutoff, paid }) => [cutoff, paid])).toEqual([
      ['2026-02-10', false],
      ['2026-03-05', true],
    ]);
    expect(examples[1]?.features.daysPastDue).toBeCloseTo(Math.log1p(33));
  });

  it('asks for the stated share: half of 200 is paid, three quarters is not', () => {
    expect(examplesOf(today, asAt, ['2026-03-05'], { horizonDays: 30, targetShare: 0.75 })[0]?.paid).toBe(false);
  });

  it('reads cutoffs every so many days, both ends included on the step', () => {
    expect(cutoffsBetween('2026-01-01', '2026-01-15', 7)).toEqual(['2026-01-01', '2026-01-08', '2026-01-15']);
  });
});
