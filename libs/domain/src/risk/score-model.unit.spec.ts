import type { AccountEvent } from '../account/account.events';
import type { ContactOutcome } from '../interactions/interactions.events';
import { evolve } from '../account/account.evolve';
import { issued, opened, paymentReceived, planAgreed } from '../account/account.fixtures';
import { initialAccountState, type OpenedAccount } from '../account/account.state';
import { behaviourFeatureNames, behaviourFeatures, type BehaviourFeature } from './behaviour-features';
import { baselineLogOddsOf, propensityOf, type ScoreModel } from './score-model';

const accountAfter = (...events: AccountEvent[]) => [opened, ...events].reduce(evolve, initialAccountState()) as OpenedAccount;
const each = (value: number) => Object.fromEntries(behaviourFeatureNames.map((feature) => [feature, value])) as Record<BehaviourFeature, number>;
const model: ScoreModel = {
  version: 'behaviour-test',
  horizonDays: 30,
  targetShare: 0.5,
  intercept: -0.5,
  weights: { ...each(0), paidOnTimeShare: 2, daysPastDue: -0.4 },
  means: { ...each(0), paidOnTimeShare: 0.5, daysPastDue: 2 },
  training: { from: '2026-01-01', to: '2026-06-30', examples: 1000, heldOut: 250, auc: 0.8, calibration: [] },
};

describe('behaviour features: what the score reads of an account', () => {
  it('reads an account with no history as ½ on every share, with nothing overdue', () => {
    const features = behaviourFeatures(accountAfter(issued('inv-1', 10_000, '2026-02-01', '2026-03-03')), '2026-03-01');
    expect(features).toMatchObject({ overdueAmount: 0, daysPastDue: 0, paidOnTimeShare: 0.5, promisesKeptShare: 0.5, hasBureauScore: 0 });
  });

  it('counts an invoice paid by its due date as on time and one paid after as days beyond terms', () => {
    const account = accountAfter(
      issued('inv-1', 10_000, '2026-01-01', '2026-01-31'),
      paymentReceived(10_000, '2026-01-31', { paymentId: 'pay-1', allocations: [{ invoiceId: 'inv-1', amount: 10_000 }] }),
      issued('inv-2', 10_000, '2026-02-01', '2026-02-28'),
      paymentReceived(10_000, '2026-03-10', { paymentId: 'pay-2', allocations: [{ invoiceId: 'inv-2', amount: 10_000 }] }),
    );
    const features = behaviourFeatures(account, '2026-03-15');
    expect(features.paidOnTimeShare).toBeCloseTo((1 + 1) / (2 + 2));
    expect(features.daysBeyondTerms).toBeCloseTo(Math.log1p(10 / 2));
  });

  it('reads the oldest overdue invoice’s days past due and the overdue amount, not what is not yet due', () => {
    const account = accountAfter(issued('inv-1', 100_000, '2026-01-01', '2026-01-31'), issued('inv-2', 50_000, '2026-03-01', '2026-03-31'));
    const features = behaviourFeatures(account, '2026-03-02');
    expect(features.daysPastDue).toBeCloseTo(Math.log1p(30));
    expect(features.overdueAmount).toBeCloseTo(Math.log10(1 + 1_000));
  });
});

describe('behaviour features: how reachable the debtor is', () => {
  const called = (outcome: ContactOutcome, at: string): AccountEvent => ({
    type: 'ContactAttempted',
    data: { channel: 'call', direction: 'outbound', outcome, at },
  });

  it('reads the share of outbound calls that reached the debtor, a refusal included, an inbound contact not', () => {
    const account = accountAfter(
      called('no_answer', '2026-03-02T15:00:00Z'),
      called('right_party_contact', '2026-03-05T15:00:00Z'),
      called('refused_to_pay', '2026-03-09T15:00:00Z'),
      { type: 'ContactAttempted', data: { channel: 'call', direction: 'inbound', outcome: 'right_party_contact', at: '2026-03-10T15:00:00Z' } },
    );
    expect(behaviourFeatures(account, '2026-03-15').callsAnsweredShare).toBeCloseTo((2 + 1) / (3 + 2));
  });
  it('counts the plans broken, not a plan completed', () => {
    const plan = planAgreed([{ invoiceId: 'inv-1', amount: 10_000 }], [{ amount: 10_000, dueOn: '2026-02-15' }]);
    const invoice = issued('inv-1', 10_000, '2026-01-01', '2026-01-31');
    const completed: AccountEvent = { type: 'PlanCompleted', data: { planId: 'plan-1', paymentId: 'pay-1' } };
    const broken: AccountEvent = { type: 'PlanBroken', data: { planId: 'plan-1', missedInstallments: 1, remaining: 10_000 } };
    expect(behaviourFeatures(accountAfter(invoice, plan, completed), '2026-03-01').plansBroken).toBe(0);
    expect(behaviourFeatures(accountAfter(invoice, plan, broken), '2026-03-01').plansBroken).toBe(1);
  });
});

describe('propensity: a logistic score explained feature by feature', () => {
  it('scores the average account at the baseline, with every contribution nil', () => {
    const propensity = propensityOf(model, { ...model.means });
    expect(propensity.logOdds).toBeCloseTo(baselineLogOddsOf(model));
    expect(propensity.contributions.every((part) => part.contribution === 0)).toBe(true);
  });

  it('explains the score exactly: the contributions add up to the log-odds above the baseline', () => {
    const propensity = propensityOf(model, { ...model.means, paidOnTimeShare: 0.9, daysPastDue: 4 });
    const total = propensity.contributions.reduce((sum, part) => sum + part.contribution, 0);
    expect(total).toBeCloseTo(propensity.logOdds - propensity.baselineLogOdds);
    expect(propensity.contributions.find((part) => part.feature === 'paidOnTimeShare')?.contribution).toBeCloseTo(0.8);
    expect(propensity.probability).toBeCloseTo(1 / (1 + Math.exp(-propensity.logOdds)));
    expect(propensity.modelVersion).toBe('behaviour-test');
  });
});
