import { deciderSpecification } from '@arrears/testing';
import type { AccountEvent } from '../account/account.events';
import { evolve } from '../account/account.evolve';
import { accountDecider, command, issued, opened, openedWithout } from '../account/account.fixtures';
import { initialAccountState, type OpenedAccount } from '../account/account.state';
import { policyFor, regulationFEverywhere, type ContactPolicies } from '../compliance/contact-policy';
import { contactRefusals } from '../compliance/contact-rules';
import { demoCreditorProfile } from '../compliance/creditor-profile';
import { dueWork, nextWakeOn, type SchedulerSettings } from './due-work';
import { defaultTimelines, earlyContactStrategy, standardStrategy, type CollectionStrategy } from './strategy';
import type { AdvanceCollectionTimeline } from './timeline.commands';
import { deferred, tag, taken } from './timeline.fixtures';

const spec = deciderSpecification(accountDecider);
const firstParty: ContactPolicies = { ...regulationFEverywhere, profiles: { default: { ...demoCreditorProfile, debtCollector: false }, byCreditor: {} } };
const at = (day: string) => `${day}T14:00:00.000Z`;
const advance = (day: string, strategy: CollectionStrategy = standardStrategy, policies = regulationFEverywhere) =>
  command<AdvanceCollectionTimeline>('AdvanceCollectionTimeline', { invoiceId: 'inv-1', strategy, arm: 'champion', policies }, at(day));
const after = (events: AccountEvent[]) => events.reduce(evolve, initialAccountState()) as OpenedAccount;
const decided = (events: AccountEvent[], day: string, strategy?: CollectionStrategy, policies?: ContactPolicies) =>
  accountDecider.decide(advance(day, strategy, policies), after(events));
const settings = (policies = regulationFEverywhere): SchedulerSettings => ({
  timelines: defaultTimelines,
  policies,
  installmentGraceDays: 3,
  planBreakAfter: 2,
});

// Due 2026-03-31 with 5 days' grace: reminder 03-28 (e-mail), payment missed 04-06, SMS 04-08, call 04-12,
// late fee 04-15, final notice 06-04, agency 07-04, legal review 08-03 (standard); the early-contact
// strategy texts its reminder on 03-26. New York, UTC−4.
const invoice = issued('inv-1', 40_000, '2026-03-01', '2026-03-31', { graceDays: 5 });
const started: AccountEvent = { type: 'CollectionTimelineStarted', data: { ...tag, nextStepOn: '2026-03-28' } };
const billed: AccountEvent[] = [opened, invoice, started];
const letterBlocked: AccountEvent = { type: 'ChannelBlocked', data: { channel: 'letter' } };
const consented: AccountEvent = { type: 'ElectronicDeliveryConsentRecorded', data: { basis: 'safe_harbor_procedure', consentedOn: '2026-03-30' } };
const noticeOf = (events: AccountEvent[]) => events.find((event) => event.type === 'ValidationNoticeSent');

describe('the validation notice goes with the first communication, by letter or e-mail only (1006.34(a)(1), 1006.42)', () => {
  it('a first reminder by text message carries it by letter, not by text', () => {
    const earlyStarted: AccountEvent = { type: 'CollectionTimelineStarted', data: { ...tag, strategyId: 'early-contact', nextStepOn: '2026-03-26' } };
    const events = decided([opened, invoice, earlyStarted], '2026-03-26', earlyContactStrategy);
    expect(events.map((event) => event.type)).toEqual(['CollectionStepTaken', 'ReminderSent', 'ValidationNoticeSent']);
    expect(events[1]?.data).toMatchObject({ channel: 'sms' });
    expect(noticeOf(events)?.data).toMatchObject({ channel: 'letter', receivedOn: '2026-04-02', periodEndsOn: '2026-05-04' });
  });

  it('goes by e-mail when post is blocked and electronic delivery is recorded', () => {
    expect(noticeOf(decided([...billed, letterBlocked, consented], '2026-03-28'))?.data).toMatchObject({ channel: 'email' });
  });

  it('with post blocked and no electronic delivery recorded, the first communication waits, recorded once, until the notice may go', () => {
    const waits = deferred('reminder', 'validation_notice', '2026-03-28', '2026-04-06');
    spec
      .given([...billed, letterBlocked])
      .when(advance('2026-03-28'))
      .then([waits]);
    spec
      .given([...billed, letterBlocked, waits])
      .when(advance('2026-03-29'))
      .thenNothingHappened();
    expect(nextWakeOn(after([...billed, letterBlocked, waits]))).toBe('2026-04-06');
    // Once the debtor's e-mail may carry it, the reminder comes due again and goes with the notice.
    expect(nextWakeOn(after([...billed, letterBlocked, waits, consented]))).toBe('2026-03-28');
    const resumed = decided([...billed, letterBlocked, waits, consented], '2026-03-31');
    expect(resumed.map((event) => event.type)).toEqual(['CollectionStepTaken', 'ReminderSent', 'ValidationNoticeSent']);
    expect(noticeOf(resumed)?.data).toMatchObject({ channel: 'email', sentAt: at('2026-03-31') });
  });

  it('without the debtor’s postal address on file it cannot be complete (1006.34(c)(2)(ii)): the first communication waits as for a channel', () => {
    spec
      .given([openedWithout('address'), invoice, started, consented])
      .when(advance('2026-03-28'))
      .then([deferred('reminder', 'validation_notice', '2026-03-28', '2026-04-06')]);
  });

  it('after another first communication, the scheduler sends it by an allowed channel, or waits without waking for it', () => {
    const call: AccountEvent = { type: 'ContactAttempted', data: { channel: 'call', direction: 'outbound', outcome: 'no_answer', at: at('2026-03-10') } };
    const blocked = [...billed, call, letterBlocked];
    expect(dueWork(after(blocked), '2026-03-10', settings()).map((work) => work.type)).toEqual([]);
    expect(nextWakeOn(after(blocked))).toBe('2026-03-28');
    expect(dueWork(after([...blocked, consented]), '2026-03-10', settings())[0]).toEqual({
      type: 'SendValidationNotice',
      data: { channel: 'email', policies: regulationFEverywhere },
    });
  });

  it('is not owed, nor sent, where the creditor collects its own debts; contact is not refused for want of it', () => {
    const events = decided(billed, '2026-03-28', standardStrategy, firstParty);
    expect(events.map((event) => event.type)).toEqual(['CollectionStepTaken', 'ReminderSent']);
    const call: AccountEvent = { type: 'ContactAttempted', data: { channel: 'call', direction: 'outbound', outcome: 'no_answer', at: at('2026-03-10') } };
    expect(dueWork(after([...billed, call]), '2026-03-20', settings(firstParty)).map((work) => work.type)).toEqual([]);
    const contact = { channel: 'email' as const, at: at('2026-03-20') };
    expect(contactRefusals(after([...billed, call]), contact, policyFor(firstParty, 'cred-1')).map((r) => r.code)).toEqual([]);
    expect(contactRefusals(after([...billed, call]), contact, policyFor(regulationFEverywhere, 'cred-1')).map((r) => r.code)).toEqual([
      'VALIDATION_NOTICE_OVERDUE',
    ]);
  });
});

describe('no overshadowing: escalations wait out the validation period (1006.38(b))', () => {
  // A notice sent late (Friday 05-01, received Friday 05-08) whose period ends Monday 06-08 (06-07 is a Sunday).
  const notice: AccountEvent = {
    type: 'ValidationNoticeSent',
    data: { channel: 'letter', sentAt: at('2026-05-01'), receivedOn: '2026-05-08', periodEndsOn: '2026-06-08' },
  };
  const before: AccountEvent[] = [
    ...billed,
    taken('reminder', 'notify', '2026-04-06'),
    taken('payment_missed', 'mark_payment_missed', '2026-04-08'),
    taken('sms', 'notify', '2026-04-12'),
    taken('call_task', 'call_task', '2026-04-15'),
    taken('late_fee', 'assess_late_fee', '2026-06-04'),
    notice,
  ];
  const waits = deferred('final_notice', 'validation_period', '2026-06-04', '2026-07-04');

  it('a final notice due inside the period is deferred once, through its last day, and goes out the day after', () => {
    spec.given(before).when(advance('2026-06-04')).then([waits]);
    expect(nextWakeOn(after([...before, waits]))).toBe('2026-06-09');
    spec
      .given([...before, waits])
      .when(advance('2026-06-08'))
      .thenNothingHappened();
    const sent = decided([...before, waits], '2026-06-09');
    expect(sent.map((event) => event.type)).toEqual(['CollectionStepTaken', 'ReminderSent']);
    expect(sent[1]?.data).toMatchObject({ step: 'final_notice', template: 'final-notice', sentAt: at('2026-06-09') });
  });

  it('a final notice due the day after the period runs on its day', () => {
    const ended: AccountEvent = { ...notice, data: { ...notice.data, periodEndsOn: '2026-06-03' } };
    expect(decided([...before.slice(0, -1), ended], '2026-06-04').map((event) => event.type)).toEqual(['CollectionStepTaken', 'ReminderSent']);
  });

  it('steps that do not escalate are not held back by the period', () => {
    const early = before.slice(0, 4).concat(notice);
    const steps = decided(early, '2026-04-12').flatMap((event) => (event.type === 'CollectionStepTaken' ? [event.data.step] : []));
    expect(steps).toEqual(['payment_missed', 'sms', 'call_task']);
  });

  it('is owed nothing to wait for where the creditor collects its own debts', () => {
    expect(decided(before.slice(0, -1), '2026-06-04', standardStrategy, firstParty).map((event) => event.type)).toEqual([
      'CollectionStepTaken',
      'ReminderSent',
    ]);
  });

  it('an escalation due before any notice went out waits for it, and the scheduler sends it', () => {
    const unnoticed = [...before.slice(0, -1), deferred('final_notice', 'validation_period', '2026-06-04', '2026-07-04')];
    expect(dueWork(after(unnoticed), '2026-06-05', settings())[0]).toEqual({
      type: 'SendValidationNotice',
      data: { channel: 'letter', policies: regulationFEverywhere },
    });
    expect(nextWakeOn(after(unnoticed))).toBe('2026-06-04');
  });
});
