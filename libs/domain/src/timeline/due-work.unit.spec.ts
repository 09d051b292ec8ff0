import { evolve } from '../account/account.evolve';
import type { AccountEvent } from '../account/account.events';
import { issued, opened, planAgreed } from '../account/account.fixtures';
import { initialAccountState, type OpenedAccount } from '../account/account.state';
import { regulationFEverywhere } from '../compliance/contact-policy';
import { dueWork, nextWakeOn, type SchedulerSettings } from './due-work';
import { fixtureModel } from '../risk/score-model.fixtures';
import { scoringFrom } from '../risk/scoring';
import { defaultTimelines, stableBucket, strategyFor, timelineProblems, standardStrategy, type TimelineStep } from './strategy';

const settings: SchedulerSettings = { timelines: defaultTimelines, policies: regulationFEverywhere, installmentGraceDays: 3, planBreakAfter: 2 };
const accountAfter = (events: AccountEvent[]) => events.reduce(evolve, initialAccountState()) as OpenedAccount;
const invoice = issued('inv-1', 40_000, '2026-03-01', '2026-03-31', { graceDays: 5 });
const started: AccountEvent = {
  type: 'CollectionTimelineStarted',
  data: { invoiceId: 'inv-1', strategyId: 'standard', arm: 'champion', nextStepOn: '2026-03-28' },
};
const types = (events: AccountEvent[], today: string) => dueWork(accountAfter(events), today, settings).map((command) => command.type);

describe('the work due on an account', () => {
  it('starts a new invoice at once, then wakes on its next step', () => {
    expect(nextWakeOn(accountAfter([opened, invoice]))).toBe('2026-03-01');
    expect(types([opened, invoice], '2026-03-01')).toEqual(['AdvanceCollectionTimeline']);
    expect(nextWakeOn(accountAfter([opened, invoice, started]))).toBe('2026-03-28');
    expect(types([opened, invoice, started], '2026-03-27')).toEqual([]);
    expect(types([opened, invoice, started], '2026-03-28')).toEqual(['AdvanceCollectionTimeline']);
  });

  it('resolves a promise, ends a hold and lapses a settlement once their last day has passed', () => {
    const promise: AccountEvent = {
      type: 'PromiseToPayMade',
      data: { promiseId: 'p-1', amount: 100, currency: 'USD', dueOn: '2026-04-10', graceDays: 2, madeOn: '2026-04-01' },
    };
    const hold: AccountEvent = { type: 'HoldPlaced', data: { holdId: 'h-1', reason: 'hospital', until: '2026-04-11' } };
    const settlement: AccountEvent = {
      type: 'SettlementAgreed',
      data: { settlementId: 's-1', amount: 100, currency: 'USD', dueOn: '2026-04-09', settles: 40_000 },
    };
    const events = [opened, invoice, started, promise, hold, settlement];
    expect(nextWakeOn(accountAfter(events))).toBe('2026-03-28');
    expect(types(events, '2026-04-10')).toEqual(['LapseSettlement', 'AdvanceCollectionTimeline']);
    expect(types(events, '2026-04-13')).toEqual(['ResolvePromise', 'ReleaseHold', 'LapseSettlement', 'AdvanceCollectionTimeline']);
  });

  it('marks an installment missed once its grace has passed unpaid', () => {
    const plan = planAgreed(
      [{ invoiceId: 'inv-1', amount: 40_000 }],
      [
        { dueOn: '2026-04-01', amount: 20_000 },
        { dueOn: '2026-05-01', amount: 20_000 },
      ],
    );
    const timelineDone: AccountEvent = {
      type: 'CollectionStepSkipped',
      data: { invoiceId: 'inv-1', step: 'legal_review', reason: 'plan', strategyId: 'standard', arm: 'champion', nextStepOn: null },
    };
    const events = [opened, invoice, started, plan, timelineDone];
    expect(nextWakeOn(accountAfter(events))).toBe('2026-04-02');
    expect(types(events, '2026-04-04')).toEqual([]);
    expect(dueWork(accountAfter(events), '2026-04-05', settings)).toEqual([
      { type: 'MarkInstallmentMissed', data: { planId: 'plan-1', installment: 1, graceDays: 3, breakAfter: 2 } },
    ]);
  });

  it('leaves an invoice whose due step is deferred alone until what holds it back ends', () => {
    const hold: AccountEvent = { type: 'HoldPlaced', data: { holdId: 'h-1', reason: 'hospital', until: '2026-04-11' } };
    const deferred: AccountEvent = {
      type: 'CollectionStepDeferred',
      data: { invoiceId: 'inv-1', step: 'reminder', reason: 'hold', dueOn: '2026-03-28', strategyId: 'standard', arm: 'champion', nextStepOn: '2026-04-06' },
    };
    const events = [opened, invoice, started, hold, deferred];
    expect(types(events, '2026-04-05')).toEqual([]);
    expect(types(events, '2026-04-06')).toEqual(['AdvanceCollectionTimeline']);
    const released: AccountEvent = { type: 'HoldReleased', data: { holdId: 'h-1', reason: 'released' } };
    expect(nextWakeOn(accountAfter([...events, released]))).toBe('2026-03-28');
    expect(types([...events, released], '2026-04-01')).toEqual(['AdvanceCollectionTimeline']);
  });

  it('sends the validation notice after a first communication that did not carry it', () => {
    const call: AccountEvent = {
      type: 'ContactAttempted',
      data: { channel: 'call', direction: 'outbound', outcome: 'no_answer', at: '2026-03-10T15:00:00.000Z' },
    };
    const events = [opened, invoice, started, call];
    expect(nextWakeOn(accountAfter(events))).toBe('2026-03-09');
    expect(dueWork(accountAfter(events), '2026-03-10', settings)[0]).toEqual({
      type: 'SendValidationNotice',
      data: { channel: 'letter', policies: regulationFEverywhere },
    });
  });

  it('has nothing to do, and never wakes, for a closed account', () => {
    const closed: AccountEvent = { type: 'AccountClosed', data: { closedOn: '2026-03-02' } };
    expect(nextWakeOn(accountAfter([opened, closed]))).toBeNull();
  });
});

describe('strategies', () => {
  it('split accounts by a stable hash: the same account, the same arm, about the configured share', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `acc-${i}`);
    const challengers = ids.filter((id) => strategyFor(defaultTimelines, 'cred-1', id).arm === 'challenger');
    expect(challengers.length / ids.length).toBeGreaterThan(0.17);
    expect(challengers.length / ids.length).toBeLessThan(0.23);
    expect(stableBucket('acc-42')).toBe(stableBucket('acc-42'));
    expect(strategyFor(defaultTimelines, 'cred-1', challengers[0] as string).strategy.strategyId).toBe('early-contact');
  });

  it('are assigned by risk segment within a creditor’s assignment, the creditor’s own for a segment it does not name or an unscored account', () => {
    const timelines = {
      ...defaultTimelines,
      byCreditor: { 'cred-2': { champion: 'standard', bySegment: { high: { champion: 'early-contact' } } } },
    };
    expect(strategyFor(timelines, 'cred-2', 'acc-1', 'high').strategy.strategyId).toBe('early-contact');
    expect(strategyFor(timelines, 'cred-2', 'acc-1', 'low').strategy.strategyId).toBe('standard');
    expect(strategyFor(timelines, 'cred-2', 'acc-1', null).strategy.strategyId).toBe('standard');
    expect(strategyFor(timelines, 'cred-1', 'acc-1', 'high')).toEqual(strategyFor(timelines, 'cred-1', 'acc-1'));
    expect(timelineProblems(timelines)).toEqual([]);
  });

  it('start a new invoice on the strategy of the account’s risk segment, when a model scores it', () => {
    const scoring = scoringFrom([{ file: 'm.json', content: fixtureModel('m-1') }], undefined, { highRiskBelow: 0.99, lowRiskFrom: 1 }).scoring;
    const timelines = { ...defaultTimelines, default: { champion: 'standard', bySegment: { high: { champion: 'early-contact' } } } };
    const work = (given: SchedulerSettings) => dueWork(accountAfter([opened, invoice]), '2026-03-01', given)[0];
    expect(work({ ...settings, timelines, scoring })).toMatchObject({ data: { strategy: { strategyId: 'early-contact' } } });
    expect(work({ ...settings, timelines })).toMatchObject({ data: { strategy: { strategyId: 'standard' } } });
  });

  it('refuse a segment that does not exist and an unknown strategy or a bad share within a segment', () => {
    const timelines = {
      ...defaultTimelines,
      byCreditor: { 'cred-2': { champion: 'standard', bySegment: { huge: { champion: 'standard' }, high: { champion: 'nope', challengerPercent: 101 } } } },
    };
    expect(timelineProblems(timelines as typeof defaultTimelines)).toEqual([
      'cred-2.bySegment.high assigns unknown strategy nope',
      'cred-2.bySegment.high: challengerPercent must be 0–100',
      'cred-2: bySegment names huge; the segments are low, medium, high',
    ]);
  });

  it('are assigned per creditor', () => {
    const timelines = { ...defaultTimelines, byCreditor: { 'cred-2': { champion: 'early-contact' } } };
    expect(strategyFor(timelines, 'cred-2', 'acc-1')).toMatchObject({ arm: 'champion', strategy: { strategyId: 'early-contact' } });
  });

  it('mark final notices as escalations, and refuse an escalation flag that is not true', () => {
    expect(standardStrategy.steps.filter((s) => s.escalation).map((s) => s.step)).toEqual(['final_notice']);
    const vague = {
      ...standardStrategy,
      strategyId: 'vague',
      steps: [{ ...(standardStrategy.steps[5] as TimelineStep), escalation: 'yes' as unknown as true }],
    };
    expect(timelineProblems({ strategies: { vague }, default: { champion: 'vague' }, byCreditor: {} })).toEqual([
      "strategy vague: a step's escalation, when given, must be true",
    ]);
  });

  it('are checked: unknown strategies, bad shares, repeated steps, a payment missed within grace', () => {
    expect(timelineProblems(defaultTimelines)).toEqual([]);
    const early = {
      ...standardStrategy,
      strategyId: 'early',
      steps: [...standardStrategy.steps, { step: 'reminder', from: 'graceEnd' as const, days: 0, action: { kind: 'mark_payment_missed' as const } }],
    };
    expect(timelineProblems({ strategies: { early }, default: { champion: 'nope', challenger: 'early', challengerPercent: 120 }, byCreditor: {} })).toEqual([
      'strategy early names a step twice',
      'strategy early: missed-payment and late-fee steps must fall at least 1 day after graceEnd',
      'default assigns unknown strategy nope',
      'default: challengerPercent must be 0–100',
    ]);
  });
});
