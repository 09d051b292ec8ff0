import { deciderSpecification } from '@arrears/testing';
import type { AccountEvent } from '../account/account.events';
import { evolve } from '../account/account.evolve';
import { accountDecider, issued, opened, paymentReceived, planAgreed } from '../account/account.fixtures';
import { initialAccountState, type OpenedAccount } from '../account/account.state';
import { nextWakeOn } from './due-work';
import { standardStrategy, timelineProblems, defaultTimelines, type CollectionStrategy } from './strategy';
import { advance as advanceOn, deferred, skipped, tag, taken } from './timeline.fixtures';

const spec = deciderSpecification(accountDecider);
const wakeAfter = (events: AccountEvent[]) => nextWakeOn(events.reduce(evolve, initialAccountState()) as OpenedAccount);
// Due 2026-03-31 with 5 days' grace and a flat fee: reminder 03-28, payment missed 04-06, SMS 04-08,
// call 04-12, late fee 04-15, final notice 06-04, agency 07-04, legal review 08-03 (New York, UTC−4).
const fee = { type: 'flat' as const, amount: 2_500 };
const invoice = issued('inv-1', 40_000, '2026-03-01', '2026-03-31', { graceDays: 5, lateFee: fee });
const at = (day: string) => `${day}T14:00:00.000Z`;
const advance = (day: string, strategy: CollectionStrategy = standardStrategy) => advanceOn(at(day), strategy);
const missed = (missedOn: string, dueOn = '2026-03-31'): AccountEvent => ({
  type: 'PaymentMissed',
  data: { invoiceId: 'inv-1', dueOn, overdueAmount: 40_000, currency: 'USD', missedOn },
});
const feeAssessed = (assessedOn: string): AccountEvent => ({
  type: 'LateFeeAssessed',
  data: { invoiceId: 'inv-1', amount: 2_500, currency: 'USD', assessedOn, rule: fee },
});
const sms = (sentAt: string): AccountEvent => ({
  type: 'ReminderSent',
  data: {
    notificationId: 'acc-1:inv-1:sms',
    invoiceId: 'inv-1',
    step: 'sms',
    channel: 'sms',
    template: 'past-due-sms',
    amount: 40_000,
    currency: 'USD',
    dueOn: '2026-03-31',
    sentAt,
  },
});
const noticed: AccountEvent = { type: 'ValidationNoticeSent', data: { channel: 'email', sentAt: at('2026-03-28'), periodEndsOn: '2026-05-03' } };
const reminded: AccountEvent[] = [
  opened,
  invoice,
  { type: 'CollectionTimelineStarted', data: { ...tag, nextStepOn: '2026-03-28' } },
  taken('reminder', 'notify', '2026-04-06'),
  noticed,
];
const markedMissed = [...reminded, taken('payment_missed', 'mark_payment_missed', '2026-04-08'), missed('2026-04-06')];
const texted = [...markedMissed, taken('sms', 'notify', '2026-04-12'), sms(at('2026-04-08'))];
const called = [...texted, taken('call_task', 'call_task', '2026-04-15')];
const hold = (until: string): AccountEvent => ({ type: 'HoldPlaced', data: { holdId: 'h-1', reason: 'hospital', until } });
const dispute: AccountEvent = {
  type: 'DisputeRaised',
  data: { disputeId: 'd-1', invoiceId: 'inv-1', reason: 'never received', amount: 40_000, currency: 'USD', raisedOn: '2026-04-01' },
};

describe('a hold defers the steps due while it lasts', () => {
  it('to the day after it ends: a step due on its last day waits one day, and is not deferred twice', () => {
    const waiting = [...texted, hold('2026-04-12'), deferred('call_task', 'hold', '2026-04-12', '2026-04-15')];
    spec
      .given([...texted, hold('2026-04-12')])
      .when(advance('2026-04-12'))
      .then([deferred('call_task', 'hold', '2026-04-12', '2026-04-15')]);
    expect(wakeAfter(waiting)).toBe('2026-04-13');
    spec.given(waiting).when(advance('2026-04-12')).thenNothingHappened();
    spec
      .given(waiting)
      .when(advance('2026-04-13'))
      .then([taken('call_task', 'call_task', '2026-04-15')]);
  });

  it('not at all once it has ended: a step due the day after runs on its day', () => {
    spec
      .given([...texted, hold('2026-04-11')])
      .when(advance('2026-04-12'))
      .then([taken('call_task', 'call_task', '2026-04-15')]);
  });

  it('wakes the scheduler when the hold ends, not every day', () => {
    const waiting = [...markedMissed, hold('2026-05-20'), deferred('sms', 'hold', '2026-04-08', '2026-04-12')];
    expect(wakeAfter(waiting)).toBe('2026-04-12');
    const allWaiting = [...waiting, deferred('call_task', 'hold', '2026-04-12', '2026-04-15'), deferred('late_fee', 'hold', '2026-04-15', '2026-06-04')];
    expect(wakeAfter(allWaiting)).toBe('2026-05-21');
  });

  it('and a contact step that went stale meanwhile is skipped; the late fee, which waited, is dated the day it is assessed', () => {
    const waited = [
      ...markedMissed,
      hold('2026-05-20'),
      deferred('sms', 'hold', '2026-04-08', '2026-04-12'),
      deferred('call_task', 'hold', '2026-04-12', '2026-04-15'),
      deferred('late_fee', 'hold', '2026-04-15', '2026-06-04'),
    ];
    spec
      .given(waited)
      .when(advance('2026-05-21'))
      .then([
        skipped('sms', 'stale', '2026-06-04'),
        skipped('call_task', 'stale', '2026-06-04'),
        taken('late_fee', 'assess_late_fee', '2026-06-04'),
        feeAssessed('2026-05-21'),
      ]);
  });
});

describe('a dispute defers the steps due until it is resolved', () => {
  const waiting = [...markedMissed, dispute, deferred('sms', 'dispute', '2026-04-08', '2026-04-12')];

  it('while it is open: the scheduler wakes for the next step only', () => {
    expect(wakeAfter(waiting)).toBe('2026-04-12');
    spec.given(waiting).when(advance('2026-04-10')).thenNothingHappened();
  });

  it('rejected: the deferred step comes due again at once', () => {
    const rejected: AccountEvent = { type: 'DisputeResolved', data: { disputeId: 'd-1', outcome: 'rejected', adjustments: [] } };
    expect(wakeAfter([...waiting, rejected])).toBe('2026-04-08');
    spec
      .given([...waiting, rejected])
      .when(advance('2026-04-10'))
      .then([
        taken('sms', 'notify', '2026-04-12'),
        {
          ...sms(at('2026-04-10')),
          // Not the first communication (the validation notice went out before): the short disclosure (1006.18(e)(2)).
          data: {
            ...sms(at('2026-04-10')).data,
            message: expect.objectContaining({ body: expect.stringMatching(/^This communication is from a debt collector\. Invoice/) }),
          },
        } as AccountEvent,
      ]);
  });

  it('upheld: nothing is owed and the timeline ends', () => {
    const upheld: AccountEvent = {
      type: 'DisputeResolved',
      data: { disputeId: 'd-1', outcome: 'upheld', adjustments: [{ invoiceId: 'inv-1', amount: 40_000 }] },
    };
    expect(wakeAfter([...waiting, upheld])).toBeNull();
    spec
      .given([...waiting, upheld])
      .when(advance('2026-04-10'))
      .thenThrows('INVOICE_ALREADY_PAID');
  });

  it('but the books stay true: a payment is still marked missed during it', () => {
    spec
      .given([...reminded, dispute])
      .when(advance('2026-04-06'))
      .then([taken('payment_missed', 'mark_payment_missed', '2026-04-08'), missed('2026-04-06')]);
  });
});

describe('late fees during a dispute or a hold', () => {
  const assessing = { ...standardStrategy, lateFeesWhileDisputedOrHeld: 'assess' as const };
  it.each([
    ['a dispute of the invoice', dispute, 'dispute' as const],
    ['a hold', hold('2026-04-30'), 'hold' as const],
  ])('wait for the end of %s by default, and are assessed through it when the strategy says so', (_case, blocker, reason) => {
    spec
      .given([...called, blocker])
      .when(advance('2026-04-15'))
      .then([deferred('late_fee', reason, '2026-04-15', '2026-06-04')]);
    spec
      .given([...called, blocker])
      .when(advance('2026-04-15', assessing))
      .then([taken('late_fee', 'assess_late_fee', '2026-06-04'), feeAssessed('2026-04-15')]);
  });

  it('a strategy says so with "defer" or "assess" only', () => {
    const odd = { ...standardStrategy, lateFeesWhileDisputedOrHeld: 'sometimes' } as unknown as CollectionStrategy;
    expect(timelineProblems({ ...defaultTimelines, strategies: { standard: odd } })).toEqual([
      'strategy standard: lateFeesWhileDisputedOrHeld must be defer or assess',
      'default assigns unknown strategy early-contact',
    ]);
  });
});

describe('a plan defers every step of the invoices it covers', () => {
  const plan = planAgreed(
    [{ invoiceId: 'inv-1', amount: 40_000 }],
    [
      { dueOn: '2026-04-20', amount: 20_000 },
      { dueOn: '2026-05-20', amount: 20_000 },
    ],
  );
  const underPlan = [
    ...reminded,
    plan,
    deferred('payment_missed', 'plan', '2026-04-06', '2026-04-08'),
    deferred('sms', 'plan', '2026-04-08', '2026-04-12'),
    deferred('call_task', 'plan', '2026-04-12', '2026-04-15'),
    deferred('late_fee', 'plan', '2026-04-15', '2026-06-04'),
  ];

  it('broken: the deferred steps come due again in their order, stale contacts skipped, the books dated the day they are kept', () => {
    const broken: AccountEvent[] = [
      { type: 'InstallmentMissed', data: { planId: 'plan-1', installment: 1, dueOn: '2026-04-20', unpaid: 20_000 } },
      { type: 'InstallmentMissed', data: { planId: 'plan-1', installment: 2, dueOn: '2026-05-20', unpaid: 20_000 } },
      { type: 'PlanBroken', data: { planId: 'plan-1', missedInstallments: 2, remaining: 40_000 } },
    ];
    expect(wakeAfter([...underPlan, ...broken])).toBe('2026-04-06');
    spec
      .given([...underPlan, ...broken])
      .when(advance('2026-05-24'))
      .then([
        taken('payment_missed', 'mark_payment_missed', '2026-06-04'),
        missed('2026-05-24'),
        skipped('sms', 'stale', '2026-06-04'),
        skipped('call_task', 'stale', '2026-06-04'),
        taken('late_fee', 'assess_late_fee', '2026-06-04'),
        feeAssessed('2026-05-24'),
      ]);
  });

  it('completed: nothing is owed and the timeline ends; only the confirmation of the resolution is left', () => {
    const paid: AccountEvent[] = [
      paymentReceived(40_000, '2026-04-20', { allocations: [{ invoiceId: 'inv-1', amount: 40_000 }] }),
      { type: 'PlanCompleted', data: { planId: 'plan-1', paymentId: 'pay-1' } },
    ];
    const confirmed: AccountEvent = {
      type: 'NoticeSent',
      data: {
        notificationId: 'n-1',
        purpose: 'resolution_confirmation',
        channel: 'letter',
        template: 'resolution-confirmation',
        sentAt: '2026-04-21T15:00:00Z',
      },
    };
    expect(wakeAfter([...underPlan, ...paid])).toBe('2026-04-20');
    expect(wakeAfter([...underPlan, ...paid, confirmed])).toBeNull();
    spec
      .given([...underPlan, ...paid])
      .when(advance('2026-04-21'))
      .thenThrows('INVOICE_ALREADY_PAID');
  });
});

describe('an invoice imported 100 days after it fell due', () => {
  // Due 2025-12-05 with 5 days' grace: reminder 12-02, missed 12-11, SMS 12-13, call 12-17, fee 12-20,
  // final notice 2026-02-08, agency 03-10, legal review 04-09; imported and first advanced on 2026-03-15.
  const imported = issued('inv-1', 40_000, '2025-11-01', '2025-12-05', { graceDays: 5, lateFee: fee });

  it('is marked missed and charged its fee; its contacts are skipped as stale; the placement waits for a validation notice (1006.38(b))', () => {
    const caughtUp: AccountEvent[] = [
      { type: 'CollectionTimelineStarted', data: { ...tag, nextStepOn: '2025-12-02' } },
      skipped('reminder', 'stale', '2025-12-11'),
      taken('payment_missed', 'mark_payment_missed', '2025-12-13'),
      missed('2025-12-11', '2025-12-05'),
      skipped('sms', 'stale', '2025-12-17'),
      skipped('call_task', 'stale', '2025-12-20'),
      taken('late_fee', 'assess_late_fee', '2026-02-08'),
      feeAssessed('2025-12-20'),
      skipped('final_notice', 'stale', '2026-03-10'),
      deferred('agency_placement', 'validation_period', '2026-03-10', '2026-04-09'),
    ];
    spec.given([opened, imported]).when(advance('2026-03-15')).then(caughtUp);
    spec
      .given([opened, imported, ...caughtUp])
      .when(advance('2026-03-16'))
      .thenNothingHappened();
  });

  it('is placed the day after the validation period of the notice the scheduler then sends, legal review following it', () => {
    const caughtUp = accountDecider.decide(advance('2026-03-15'), [opened, imported].reduce(evolve, initialAccountState()));
    // Sent Monday 03-16, received Monday 03-23; the period ends Wednesday 04-22 (1006.34(b)(5)).
    const notice: AccountEvent = {
      type: 'ValidationNoticeSent',
      data: { channel: 'letter', sentAt: at('2026-03-16'), receivedOn: '2026-03-23', periodEndsOn: '2026-04-22' },
    };
    const noticed = [opened, imported, ...caughtUp, notice];
    expect(wakeAfter(noticed)).toBe('2026-04-09');
    const legalWaits = deferred('legal_review', 'validation_period', '2026-04-09', null);
    spec.given(noticed).when(advance('2026-04-09')).then([legalWaits]);
    expect(wakeAfter([...noticed, legalWaits])).toBe('2026-04-23');
    spec
      .given([...noticed, legalWaits])
      .when(advance('2026-04-22'))
      .thenNothingHappened();
    spec
      .given([...noticed, legalWaits])
      .when(advance('2026-04-23'))
      .then([
        taken('agency_placement', 'place_with_agency', null),
        { type: 'PlacedWithAgency', data: { agencyId: 'default-agency', placedOn: '2026-04-23', balance: 42_500 } },
        skipped('legal_review', 'with_agency', null),
      ]);
  });

  it('after a cease request, skips its contacts as moot but is still placed', () => {
    const cease: AccountEvent = { type: 'CeaseCommunicationRequested', data: { requestedOn: '2026-01-10' } };
    const events = accountDecider.decide(advance('2026-03-15'), [opened, imported, cease].reduce(evolve, initialAccountState()));
    const outcomes = events.flatMap((event) =>
      event.type === 'CollectionStepSkipped' ? [`${event.data.step}: ${event.data.reason}`] : event.type === 'CollectionStepTaken' ? [event.data.step] : [],
    );
    expect(outcomes).toEqual(['reminder: cease', 'payment_missed', 'sms: cease', 'call_task: cease', 'late_fee', 'final_notice: cease', 'agency_placement']);
  });
});
