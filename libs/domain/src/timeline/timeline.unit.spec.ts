import type { RenderedMessage } from '../notices/notices.events';
import { deciderSpecification } from '@arrears/testing';
import type { AccountEvent } from '../account/account.events';
import { accountDecider, issued, opened, openedInNewYork, paymentReceived, planAgreed } from '../account/account.fixtures';
import { standardStrategy } from './strategy';
import { advance, deferred, skipped, tag, taken } from './timeline.fixtures';

const spec = deciderSpecification(accountDecider);
// Due 2026-03-31 with 5 days' grace: reminder 03-28, payment missed 04-06, SMS 04-08, call 04-12,
// late fee 04-15, final notice 06-04, agency 07-04, legal review 08-03. New York is UTC−4 in April.
const invoice = issued('inv-1', 40_000, '2026-03-01', '2026-03-31', { graceDays: 5 });
const billed: AccountEvent[] = [opened, invoice];
const started: AccountEvent = { type: 'CollectionTimelineStarted', data: { ...tag, nextStepOn: '2026-03-28' } };
const reminder = (sentAt: string, message?: RenderedMessage): AccountEvent => ({
  type: 'ReminderSent',
  data: {
    notificationId: 'acc-1:inv-1:reminder',
    invoiceId: 'inv-1',
    step: 'reminder',
    channel: 'email',
    template: 'payment-reminder',
    amount: 40_000,
    currency: 'USD',
    dueOn: '2026-03-31',
    sentAt,
    ...(message && { message }),
  },
});
const reminded = [...billed, started, taken('reminder', 'notify', '2026-04-06'), reminder('2026-03-28T14:00:00.000Z')];

describe('AdvanceCollectionTimeline', () => {
  it('starts the invoice on its strategy, saying when the first step falls due', () => {
    spec.given(billed).when(advance('2026-03-02T15:00:00.000Z')).then([started]);
  });

  it('sends the reminder on its day, with the validation notice by letter as the first communication', () => {
    // 1006.34(a)(1)(i)(A): with the initial communication; by letter, as 1006.42 allows without e-mail consent.
    // Saturday 03-28 + 5 business days = Friday 04-03; + 30 days = Sunday 05-03, so Monday 05-04 (1006.34(b)(5)).
    const itemization = {
      itemizationDate: '2026-03-01',
      amountOnItemizationDate: 40_000,
      interest: 0,
      fees: 0,
      payments: 0,
      credits: 0,
      currentAmount: 40_000,
      currency: 'USD',
    };
    spec
      .given([...billed, started])
      .when(advance('2026-03-28T14:00:00.000Z'))
      .then([
        taken('reminder', 'notify', '2026-04-06'),
        reminder('2026-03-28T14:00:00.000Z', {
          templateId: 'payment-reminder',
          version: 1,
          language: 'en',
          subject: 'Payment reminder: USD 400.00 due March 31, 2026',
          // The first communication: the full debt-collector disclosure (1006.18(e)(1)) and, by e-mail, the opt-out (1006.6(e)).
          body: expect.stringMatching(
            /attempt to collect a debt[\s\S]*Invoice inv-1 for USD 400\.00 is due on March 31, 2026[\s\S]*open this link: \{\{optOutUrl\}\}$/,
          ) as string,
        }),
        {
          type: 'ValidationNoticeSent',
          data: {
            channel: 'letter',
            sentAt: '2026-03-28T14:00:00.000Z',
            receivedOn: '2026-04-03',
            periodEndsOn: '2026-05-04',
            itemization,
            message: expect.objectContaining({ templateId: 'validation-notice', body: expect.stringContaining('by May 4, 2026') }) as RenderedMessage,
          },
        },
      ]);
  });

  it('holds a reminder back outside the debtor’s contact hours, and does nothing before a step’s day', () => {
    spec
      .given([...billed, started])
      .when(advance('2026-03-29T01:30:00.000Z'))
      .thenNothingHappened();
    spec
      .given([...billed, started])
      .when(advance('2026-03-27T15:00:00.000Z'))
      .thenNothingHappened();
  });

  it('takes each step once: a second run on the same day finds nothing due', () => {
    spec.given(reminded).when(advance('2026-03-28T20:00:00.000Z')).thenNothingHappened();
  });

  it('marks the payment missed the day after grace ends', () => {
    spec
      .given(reminded)
      .when(advance('2026-04-06T14:00:00.000Z'))
      .then([
        taken('payment_missed', 'mark_payment_missed', '2026-04-08'),
        { type: 'PaymentMissed', data: { invoiceId: 'inv-1', dueOn: '2026-03-31', overdueAmount: 40_000, currency: 'USD', missedOn: '2026-04-06' } },
      ]);
  });

  it('records the step but not the effect an agent already brought about', () => {
    const markedByAgent: AccountEvent = {
      type: 'PaymentMissed',
      data: { invoiceId: 'inv-1', dueOn: '2026-03-31', overdueAmount: 40_000, currency: 'USD', missedOn: '2026-04-06' },
    };
    spec
      .given([...reminded, markedByAgent])
      .when(advance('2026-04-06T14:00:00.000Z'))
      .then([taken('payment_missed', 'mark_payment_missed', '2026-04-08')]);
  });

  it('defers the steps due during a dispute or a hold, and every step under a plan, recording it once', () => {
    const missed = [...reminded, taken('payment_missed', 'mark_payment_missed', '2026-04-08')];
    const dispute: AccountEvent = {
      type: 'DisputeRaised',
      data: { disputeId: 'd-1', invoiceId: null, reason: 'not mine', amount: 40_000, currency: 'USD', raisedOn: '2026-04-01' },
    };
    const smsDeferred = deferred('sms', 'dispute', '2026-04-08', '2026-04-12');
    spec
      .given([...missed, dispute])
      .when(advance('2026-04-08T14:00:00.000Z'))
      .then([smsDeferred]);
    spec
      .given([...missed, dispute, smsDeferred])
      .when(advance('2026-04-09T14:00:00.000Z'))
      .thenNothingHappened();
    const hold: AccountEvent = { type: 'HoldPlaced', data: { holdId: 'h-1', reason: 'bereavement', until: '2026-04-30' } };
    spec
      .given([...missed, hold])
      .when(advance('2026-04-08T14:00:00.000Z'))
      .then([deferred('sms', 'hold', '2026-04-08', '2026-04-12')]);
    const plan = planAgreed([{ invoiceId: 'inv-1', amount: 40_000 }], [{ dueOn: '2026-05-01', amount: 40_000 }]);
    spec
      .given([...reminded, plan])
      .when(advance('2026-04-06T14:00:00.000Z'))
      .then([deferred('payment_missed', 'plan', '2026-04-06', '2026-04-08')]);
  });

  it('goes on with an undisputed invoice while another is disputed (1006.38(d)(2): only the disputed debt pauses)', () => {
    const missed = [...reminded, taken('payment_missed', 'mark_payment_missed', '2026-04-08')];
    const other = issued('inv-2', 10_000, '2026-03-01', '2026-03-31');
    const disputeOfOther: AccountEvent = {
      type: 'DisputeRaised',
      data: {
        disputeId: 'd-2',
        invoiceId: 'inv-2',
        reason: 'not mine',
        amount: 10_000,
        currency: 'USD',
        raisedOn: '2026-04-01',
        timely: true,
        pausesCollection: true,
      },
    };
    const events = accountDecider.decide(
      advance('2026-04-08T14:00:00.000Z'),
      [...missed, other, disputeOfOther].reduce(accountDecider.evolve, accountDecider.initialState()),
    );
    expect(events.map((event) => event.type)).toEqual(['CollectionStepTaken', 'ReminderSent', 'ValidationNoticeSent']);
  });

  it('defers the steps of a debt whose original creditor was asked for, until the answer is sent (1006.38(c))', () => {
    const missed = [...reminded, taken('payment_missed', 'mark_payment_missed', '2026-04-08')];
    const requested: AccountEvent = { type: 'OriginalCreditorRequested', data: { requestId: 'r-1', invoiceId: 'inv-1', requestedOn: '2026-04-01' } };
    const smsDeferred = deferred('sms', 'original_creditor_request', '2026-04-08', '2026-04-12');
    spec
      .given([...missed, requested])
      .when(advance('2026-04-08T14:00:00.000Z'))
      .then([smsDeferred]);
    const answered: AccountEvent = {
      type: 'OriginalCreditorProvided',
      data: {
        requestId: 'r-1',
        originalCreditor: { name: 'First Bank', address: { lines: ['1 Bank St'], city: 'Albany', country: 'US' } },
        providedOn: '2026-04-09',
      },
    };
    const events = accountDecider.decide(
      advance('2026-04-09T14:00:00.000Z'),
      [...missed, requested, smsDeferred, answered].reduce(accountDecider.evolve, accountDecider.initialState()),
    );
    expect(events.map((event) => event.type)).toEqual(['CollectionStepTaken', 'ReminderSent', 'ValidationNoticeSent']);
  });

  it('after a cease request, skips contact steps but still keeps the books', () => {
    const cease: AccountEvent = { type: 'CeaseCommunicationRequested', data: { requestedOn: '2026-04-01' } };
    const missed = [...reminded, cease, taken('payment_missed', 'mark_payment_missed', '2026-04-08')];
    spec
      .given(missed)
      .when(advance('2026-04-08T14:00:00.000Z'))
      .then([skipped('sms', 'cease', '2026-04-12')]);
  });

  it('catches a backdated invoice up: books kept on their own dates, stale contacts skipped, the rest left for their day', () => {
    const old = issued('inv-1', 40_000, '2025-12-01', '2025-12-31', { graceDays: 5 });
    const steps = { ...tag };
    const events = (nextStepOn: string | null) => ({ ...steps, nextStepOn });
    spec
      .given([opened, old])
      .when(advance('2026-03-20T14:00:00.000Z'))
      .then([
        { type: 'CollectionTimelineStarted', data: events('2025-12-28') },
        { type: 'CollectionStepSkipped', data: { ...events('2026-01-06'), step: 'reminder', reason: 'stale' } },
        { type: 'CollectionStepTaken', data: { ...events('2026-01-08'), step: 'payment_missed', action: 'mark_payment_missed' } },
        { type: 'PaymentMissed', data: { invoiceId: 'inv-1', dueOn: '2025-12-31', overdueAmount: 40_000, currency: 'USD', missedOn: '2026-01-06' } },
        { type: 'CollectionStepSkipped', data: { ...events('2026-01-12'), step: 'sms', reason: 'stale' } },
        { type: 'CollectionStepSkipped', data: { ...events('2026-01-15'), step: 'call_task', reason: 'stale' } },
        { type: 'CollectionStepSkipped', data: { ...events('2026-03-06'), step: 'late_fee', reason: 'no_late_fee_terms' } },
        { type: 'CollectionStepSkipped', data: { ...events('2026-04-05'), step: 'final_notice', reason: 'stale' } },
      ]);
  });

  it('refuses a paid invoice and a strategy other than the one the invoice started on', () => {
    spec
      .given([...billed, paymentReceived(40_000, '2026-03-10', { allocations: [{ invoiceId: 'inv-1', amount: 40_000 }] })])
      .when(advance('2026-03-28T14:00:00.000Z'))
      .thenThrows('INVOICE_ALREADY_PAID');
    spec
      .given([...billed, started])
      .when(advance('2026-03-28T14:00:00.000Z', { ...standardStrategy, strategyId: 'other' }))
      .thenThrows('STRATEGY_MISMATCH', { strategyId: 'standard' });
  });
});

describe('A legal review of a time-barred debt', () => {
  // 12 CFR 1006.26(b): no legal action, nor a threat of one, to collect a time-barred debt.
  // New York: 3 years (CPLR 214-i) from default on 2023-01-01, so time-barred from 2026-01-01.
  const legalOnly = {
    strategyId: 'standard',
    steps: [{ step: 'legal_review', from: 'graceEnd' as const, days: 1, action: { kind: 'legal_review' as const } }],
  };
  // The validation notice went out, and its period ended, long before (no overshadowing to wait for).
  const noticed: AccountEvent = { type: 'ValidationNoticeSent', data: { channel: 'letter', sentAt: '2023-01-03T15:00:00.000Z', periodEndsOn: '2023-02-09' } };
  const old = [openedInNewYork, issued('inv-1', 50_000, '2022-12-01', '2022-12-31'), noticed];
  const startedOn = { type: 'CollectionTimelineStarted', data: { ...tag, nextStepOn: '2023-01-01' } } as const;
  it('runs the day before the debt is time-barred', () => {
    spec
      .given(old)
      .when(advance('2025-12-31T15:00:00Z', legalOnly))
      .then([startedOn, taken('legal_review', 'legal_review', null)]);
  });
  it('is skipped as time_barred on the day it is', () => {
    spec
      .given(old)
      .when(advance('2026-01-01T15:00:00Z', legalOnly))
      .then([startedOn, skipped('legal_review', 'time_barred', null)]);
  });
  it('skips a notice that threatens further action (an escalation) once the debt is time-barred, and sends it the day before', () => {
    // Due 2025-12-30, 1,095 days after the grace period ended: not stale on either day.
    const action = { kind: 'notify' as const, channel: 'letter' as const, template: 'final-notice' };
    const finalNotice = {
      strategyId: 'standard',
      steps: [{ step: 'final_notice', from: 'graceEnd' as const, days: 1_095, action, escalation: true as const }],
    };
    const before = old.reduce((state, event) => accountDecider.evolve(state, event), accountDecider.initialState());
    const on = (now: string) => accountDecider.decide(advance(now, finalNotice), before);
    expect(on('2025-12-31T15:00:00Z').map((event) => event.type)).toEqual(['CollectionTimelineStarted', 'CollectionStepTaken', 'ReminderSent']);
    expect(on('2026-01-01T15:00:00Z')).toContainEqual(
      expect.objectContaining({ type: 'CollectionStepSkipped', data: expect.objectContaining({ reason: 'time_barred' }) }),
    );
  });
});
