import { defaultRiskSegmentBands, regulationF, scoringArmFor, scoringFrom } from '@arrears/domain';
import { fixtureModel } from '../../../../domain/src/risk/score-model.fixtures';
import { reportingZones } from '@arrears/platform';
import type { ProjectedDocument } from '../../projection';
import { applyEvent } from '../../runner/batch-writes';
import { accountProjectionFor, type AccountDocument } from '../account/account.projection';
import { accountView } from '../account/account.view';
import { isKpiDay } from '../kpis/kpi-days';
import { kpiReport } from '../kpis/kpi-series';
import { accountProjection, eventLog, facts, projectAll } from '../read-model.fixtures';
import { byExpectedRecovery } from './expected-recovery';
import type { WorklistDocument } from './worklist-line';
import { worklistItem } from './worklist.view';

const models = [fixtureModel('m-1'), fixtureModel('m-2', { intercept: 1 })].map((content) => ({ file: `${content.version}.json`, content }));
const scoring = scoringFrom(models, { champion: 'm-1', challenger: 'm-2', challengerShare: 0.5 }, defaultRiskSegmentBands).scoring;
const scored = accountProjectionFor(reportingZones({}), scoring);

const on = eventLog();
const at = (day: string) => `${day}T12:00:00.000Z`;
/** An account owing `amount` since 2026-01-31, with `broken` promises broken. */
function account(accountId: string, amount: number, broken = 0) {
  const acc = on(accountId);
  return [
    acc('AccountOpened', facts.opened(accountId), at('2026-01-01')),
    acc('InvoiceIssued', facts.invoice(`${accountId}-inv`, amount, '2026-01-01', '2026-01-31'), at('2026-01-01')),
    ...Array.from({ length: broken }, (_, i) => [
      acc('PromiseToPayMade', { promiseId: `p-${i}`, amount: 100, currency: 'EUR', dueOn: '2026-02-05', graceDays: 0, madeOn: '2026-02-01' }, at('2026-02-01')),
      acc('PromiseBroken', { promiseId: `p-${i}`, amount: 100, paid: 0 }, at('2026-02-06')),
    ]).flat(),
    acc('NoteAdded', { text: 'checked' }, at('2026-03-01')),
  ];
}
const lineOf = (documents: Map<string, ProjectedDocument>, id: string) => documents.get(`worklist/${id}`) as WorklistDocument;

describe('the account fold scores each account with its arm’s model', () => {
  const events = account('acc-1', 100_000);
  const documents = projectAll(scored, events);
  const { score } = documents.get('accounts/acc-1') as AccountDocument;

  it('keeps the score on the account and its line, traced to its model and arm, as of the last event', () => {
    const { arm, modelVersion } = scoringArmFor(scoring.assignment!, 'acc-1');
    expect(score).toMatchObject({ arm, modelVersion });
    expect(lineOf(documents, 'acc-1').score).toEqual(score);
    // The line's rank for expected recovery: 1,000.00 overdue on 2026-03-01 × the probability.
    expect(lineOf(documents, 'acc-1').recoveryRank).toBeCloseTo(100_000 * score!.probability);
  });

  it('keeps no score and no rank for expected recovery without a model', () => {
    const documents = projectAll(accountProjection, events);
    expect((documents.get('accounts/acc-1') as AccountDocument).score).toBeNull();
    expect(lineOf(documents, 'acc-1')).toMatchObject({ score: null, recoveryRank: null });
    expect(worklistItem(lineOf(documents, 'acc-1'), '2026-03-02T15:00:00.000Z', regulationF)).toMatchObject({ propensity: null, expectedRecovery: null });
  });

  it('explains the score in a line: each feature in words, largest first, and the parts of expected recovery', () => {
    const item = worklistItem(lineOf(documents, 'acc-1'), '2026-03-02T15:00:00.000Z', regulationF);
    expect(item.propensity?.contributions[0]).toMatchObject({ feature: 'daysPastDue', label: 'Days past due' });
    expect(item.expectedRecovery).toEqual({
      total: Math.round(100_000 * score!.probability),
      parts: { overdueAmount: 100_000, propensity: score!.probability, contactableNow: true },
    });
    // 02:00 at the debtor's (UTC): no call is allowed, so nothing is expected from working the account now.
    expect(worklistItem(lineOf(documents, 'acc-1'), '2026-03-02T02:00:00.000Z', regulationF).expectedRecovery?.total).toBe(0);
  });

  it('shows the same on the account read model', () => {
    const view = accountView(documents.get('accounts/acc-1') as AccountDocument, '2026-03-02T15:00:00.000Z', { default: regulationF, byCreditor: {} });
    expect(view.propensity).toMatchObject({ modelVersion: score!.modelVersion, probability: score!.probability, segment: score!.segment });
    expect(view.expectedRecovery?.parts).toEqual({ overdueAmount: 100_000, propensity: score!.probability, contactableNow: true });
  });

  it('changes nothing when events are delivered again', () => {
    expect(projectAll(scored, [...events, ...events.slice(1)])).toEqual(documents);
  });

  it('writes the line again for an event that changes nothing else when a day has moved its score, and only then', () => {
    // As a batch folds it: the line is not loaded, so it is made again from the account as stored.
    const stored = () => new Map<string, ProjectedDocument | null>([...documents].filter(([key]) => !key.startsWith('worklist/')));
    const note = (day: string) => on('acc-1')('NoteAdded', { text: 'called' }, at(day));
    const sameDay = stored();
    expect(applyEvent(scored, sameDay, note('2026-03-01')).map(({ collection }) => collection)).not.toContain('worklist');
    const nextDay = stored();
    expect(applyEvent(scored, nextDay, note('2026-03-02')).map(({ collection }) => collection)).toContain('worklist');
    expect((nextDay.get('worklist/acc-1') as WorklistDocument).score).not.toEqual(score);
  });
});

describe('the worklist ordered by expected recovery or by the heuristic, on the same lines', () => {
  // big: 5,000.00 but two broken promises; small: 1,200.00 and none; both 29 days past due; one model.
  const oneModel = scoringFrom(models, { champion: 'm-1' }, defaultRiskSegmentBands).scoring;
  const documents = projectAll(accountProjectionFor(reportingZones({}), oneModel), [...account('big', 500_000, 2), ...account('small', 120_000)]);
  const items = ['big', 'small'].map((id) => worklistItem(lineOf(documents, id), '2026-03-01T15:00:00.000Z', regulationF));

  it('puts the larger, riskier debt first by the heuristic, the one likelier to pay more first by expected recovery', () => {
    const [big, small] = items as [(typeof items)[0], (typeof items)[0]];
    expect(big.score.total).toBeGreaterThan(small.score.total);
    expect(big.expectedRecovery!.total).toBeLessThan(small.expectedRecovery!.total);
    expect(byExpectedRecovery(items).map((item) => item.accountId)).toEqual(['small', 'big']);
  });

  it('puts an account that may not be contacted now after one that may, whatever it owes', () => {
    const night = worklistItem(lineOf(documents, 'small'), '2026-03-01T02:00:00.000Z', regulationF);
    expect(byExpectedRecovery([night, items[0]!]).map((item) => item.accountId)).toEqual(['big', 'small']);
  });
});

describe('KPIs by risk segment and by scoring arm', () => {
  it('count a payment by the segment and arm of the account’s score before it', () => {
    const acc = on('payer');
    const events = [
      ...account('payer', 100_000),
      acc('PaymentReceived', facts.payment('pay-1', 40_000, '2026-03-05', [{ invoiceId: 'payer-inv', amount: 40_000 }]), at('2026-03-05')),
    ];
    const documents = projectAll(scored, events);
    const before = projectAll(scored, events.slice(0, -1)).get('accounts/payer') as AccountDocument;
    const days = [...documents.values()].filter(isKpiDay).filter((day) => day.scope === 'cred-1');
    const { workflow } = kpiReport(days, '2026-03-01', '2026-03-31').EUR!.period;
    expect(workflow.collectedBySegment).toEqual({ low: 0, medium: 0, high: 0, [before.score!.segment]: 40_000 });
    expect(workflow.collectedByScoringArm).toEqual({ champion: 0, challenger: 0, [before.score!.arm]: 40_000 });
  });
});
