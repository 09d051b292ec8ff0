import fc from 'fast-check';
import {
  addDays,
  communicatingActions,
  decide,
  DomainError,
  dueWork,
  earlyContactStrategy,
  evolve,
  initialAccountState,
  nextWakeOn,
  regulationFEverywhere,
  standardStrategy,
  totalOutstanding,
  type AccountEvent,
  type AccountState,
  type CollectionStrategy,
  type OpenedAccount,
  type SchedulerSettings,
  type ScheduledCommand,
} from '@arrears/domain';

/**
 * The scheduler's loop (wake on `nextWakeOn`, send `dueWork`), day after day, and the property behind
 * "the timeline defers, never silently drops": whatever holds, disputes and plans
 * come and go, and however many days the scheduler is down, every step of the invoice is in the end
 * taken or skipped exactly once (none left waiting), every step that does not reach the debtor runs,
 * in its order, with its effect recorded once, and a deferral is not recorded again for the same reason.
 * The validation notice goes with the first reminder, or is sent by hand on some day, or can go only by
 * e-mail once electronic delivery is recorded (post blocked): escalations wait out its period, first
 * communications wait for a channel that may carry it, and still no step is lost.
 */
const firstDay = '2026-03-01';
const lastDay = 300;
type Blocker =
  | { kind: 'hold'; on: number; days: number; releasedAfter: number | undefined }
  | { kind: 'dispute'; on: number; days: number; wholeAccount: boolean }
  | { kind: 'plan'; on: number };
const day = fc.integer({ min: 0, max: 200 });
const length = fc.integer({ min: 0, max: 60 });
const blocker: fc.Arbitrary<Blocker> = fc.oneof(
  fc.record({ kind: fc.constant('hold' as const), on: day, days: length, releasedAfter: fc.option(length, { nil: undefined }) }),
  fc.record({ kind: fc.constant('dispute' as const), on: day, days: length, wholeAccount: fc.boolean() }),
  fc.record({ kind: fc.constant('plan' as const), on: day }),
);
type NoticeWay = { kind: 'with_first_reminder' } | { kind: 'sent_by_hand'; on: number } | { kind: 'email_only'; consentOn: number };
const noticeWay: fc.Arbitrary<NoticeWay> = fc.oneof(
  fc.constant({ kind: 'with_first_reminder' as const }),
  fc.record({ kind: fc.constant('sent_by_hand' as const), on: day }),
  fc.record({ kind: fc.constant('email_only' as const), consentOn: fc.integer({ min: 0, max: 250 }) }),
);
const scenario = fc.record({
  blockers: fc.array(blocker, { maxLength: 6 }),
  notice: noticeWay,
  // The scheduler is down on these days; it always runs in the last weeks, after every blocker has ended.
  downDays: fc.uniqueArray(fc.integer({ min: 0, max: 250 }), { maxLength: 120 }),
  strategy: fc.constantFrom(standardStrategy, earlyContactStrategy),
  lateFees: fc.constantFrom('defer' as const, 'assess' as const),
});

/** What people do on a day: place, release or see out holds, raise and reject disputes, agree plans never paid. */
function peopleOn(offset: number, blockers: Blocker[], account: OpenedAccount): ScheduledCommand[] {
  const date = (days: number) => addDays(firstDay, days);
  return blockers.flatMap((b, index): ScheduledCommand[] => {
    const id = `${b.kind}-${index}`;
    if (b.kind === 'hold') {
      const placed = b.on === offset ? [{ type: 'PlaceHold' as const, data: { holdId: id, reason: 'hardship', until: date(b.on + b.days) } }] : [];
      const released = b.releasedAfter !== undefined && b.on + b.releasedAfter === offset ? [{ type: 'ReleaseHold' as const, data: { holdId: id } }] : [];
      return [...placed, ...released];
    }
    if (b.kind === 'dispute') {
      const raised =
        b.on === offset
          ? [
              {
                type: 'RaiseDispute' as const,
                data: { disputeId: id, reason: 'not mine', ...(b.wholeAccount ? {} : { invoiceId: 'inv-1' }), policies: regulationFEverywhere },
              },
            ]
          : [];
      // Rejected once its verification went to the debtor, that day (1006.38(d)(2)(i)).
      const verification = { channel: 'letter' as const, sentOn: date(offset) };
      const rejected =
        b.on + b.days === offset ? [{ type: 'ResolveDispute' as const, data: { disputeId: id, outcome: 'rejected' as const, verification } }] : [];
      return [...raised, ...rejected];
    }
    if (b.on !== offset) return [];
    const owed = totalOutstanding(account);
    const installments = [
      { dueOn: date(b.on + 5), amount: Math.floor(owed / 2) },
      { dueOn: date(b.on + 35), amount: owed - Math.floor(owed / 2) },
    ];
    return [{ type: 'AgreePlan', data: { planId: id, currency: 'USD', installments } }];
  });
}

/** What people do about the validation notice on a day: send it by letter, or record e-mail consent. */
function noticeWorkOn(offset: number, notice: NoticeWay): ScheduledCommand[] {
  if (notice.kind === 'sent_by_hand' && notice.on === offset)
    return [{ type: 'SendValidationNotice', data: { channel: 'letter', policies: regulationFEverywhere } }];
  if (notice.kind === 'email_only' && notice.consentOn === offset) return [{ type: 'RecordElectronicDeliveryConsent', data: { basis: 'esign_consent' } }];
  return [];
}

type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never;

function simulate({ blockers, notice, downDays, strategy, lateFees }: Scenario) {
  const used: CollectionStrategy = { ...strategy, lateFeesWhileDisputedOrHeld: lateFees };
  const settings: SchedulerSettings = {
    timelines: { strategies: { [used.strategyId]: used }, default: { champion: used.strategyId }, byCreditor: {} },
    policies: regulationFEverywhere,
    installmentGraceDays: 3,
    planBreakAfter: 2,
  };
  // Due 03-10 with 5 days' grace and a flat fee: the steps fall from early March to mid-July.
  const start: AccountEvent[] = [
    {
      type: 'AccountOpened',
      data: {
        accountId: 'acc-1',
        creditorId: 'cred-1',
        debtor: {
          reference: 'D-100',
          name: 'Ada Lovelace',
          timeZone: 'America/New_York',
          email: 'ada@example.com',
          address: { lines: ['12 Analytical Row'], city: 'Albany', region: 'NY', postalCode: '12207', country: 'US' },
        },
      },
    },
    {
      type: 'InvoiceIssued',
      data: {
        invoiceId: 'inv-1',
        amount: 40_000,
        currency: 'USD',
        issuedOn: '2026-02-01',
        dueOn: '2026-03-10',
        terms: { graceDays: 5, lateFee: { type: 'flat', amount: 2_500 } },
      },
    },
    ...(notice.kind === 'email_only' ? [{ type: 'ChannelBlocked' as const, data: { channel: 'letter' as const } }] : []),
  ];
  let account = start.reduce<AccountState>(evolve, initialAccountState()) as OpenedAccount;
  const events: AccountEvent[] = [];
  const run = (command: ScheduledCommand, now: string) => {
    try {
      const decided = decide({ ...command, now }, account);
      events.push(...decided);
      account = decided.reduce<AccountState>(evolve, account) as OpenedAccount;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  };
  for (let offset = 0; offset <= lastDay; offset++) {
    const today = addDays(firstDay, offset);
    const noon = `${today}T16:00:00.000Z`;
    for (const command of [...peopleOn(offset, blockers, account), ...noticeWorkOn(offset, notice)]) run(command, noon);
    const wakeOn = nextWakeOn(account);
    if (downDays.includes(offset) || wakeOn === null || wakeOn > today) continue;
    for (const command of dueWork(account, today, settings)) run(command, noon);
  }
  return { account, events, strategy: used };
}

describe('whatever the blockers and however late the scheduler', () => {
  it('no step is lost: each is taken or skipped once, the non-contact ones run in order, and a deferral is recorded once', () => {
    fc.assert(
      fc.property(scenario, (given) => {
        const { account, events, strategy } = simulate(given);
        const timeline = account.invoices['inv-1']?.timeline;
        expect(timeline?.deferred).toEqual({});
        const outcomes = events.flatMap((e) => (e.type === 'CollectionStepTaken' || e.type === 'CollectionStepSkipped' ? [e] : []));
        expect(outcomes.map((e) => e.data.step).sort()).toEqual(strategy.steps.map((s) => s.step).sort());

        const nonContact = strategy.steps.filter((s) => !communicatingActions.includes(s.action.kind));
        const ran = outcomes.filter((e) => nonContact.some((s) => s.step === e.data.step));
        expect(ran.map((e) => e.data.step)).toEqual(nonContact.map((s) => s.step));
        // Legal review follows the placement: the agency pursues the account instead.
        expect(ran.map((e) => (e.type === 'CollectionStepSkipped' ? e.data.reason : 'taken'))).toEqual(['taken', 'taken', 'taken', 'with_agency']);
        for (const type of ['PaymentMissed', 'LateFeeAssessed', 'PlacedWithAgency']) expect(events.filter((e) => e.type === type)).toHaveLength(1);

        // No overshadowing (1006.38(b)): the placement and a final notice come after the validation period.
        const notice = events.find((e) => e.type === 'ValidationNoticeSent');
        const periodEndsOn = notice?.type === 'ValidationNoticeSent' ? notice.data.periodEndsOn : null;
        expect(periodEndsOn).not.toBeNull();
        const escalatedOn = events.flatMap((e) =>
          e.type === 'PlacedWithAgency' ? [e.data.placedOn] : e.type === 'ReminderSent' && e.data.step === 'final_notice' ? [e.data.sentAt.slice(0, 10)] : [],
        );
        for (const on of escalatedOn) expect(on > (periodEndsOn as string)).toBe(true);

        const deferrals = events.flatMap((e) => (e.type === 'CollectionStepDeferred' ? [`${e.data.step}:${e.data.reason}`] : []));
        deferrals.forEach((deferral, index) => {
          const previous = deferrals.slice(0, index).filter((d) => d.split(':')[0] === deferral.split(':')[0]);
          expect(previous[previous.length - 1]).not.toBe(deferral);
        });
      }),
      { numRuns: 150 },
    );
  });
});
