import { deciderSpecification } from '@arrears/testing';
import type { AccountEvent } from '../account/account.events';
import { evolve } from '../account/account.evolve';
import { accountDecider, command, issued, opened, openedWithout, paymentReceived, planAgreed } from '../account/account.fixtures';
import { initialAccountState, type OpenedAccount } from '../account/account.state';
import { regulationFEverywhere } from '../compliance/contact-policy';
import type { NoticeSent } from '../notices/notices.events';
import { defaultTimelines } from '../timeline/strategy';
import { dueWork, nextWakeOn, type SchedulerSettings } from '../timeline/due-work';
import type { RequestResolutionConfirmation, SendResolutionConfirmation } from './resolutions.commands';

const spec = deciderSpecification(accountDecider);
const settings: SchedulerSettings = { timelines: defaultTimelines, policies: regulationFEverywhere, installmentGraceDays: 3, planBreakAfter: 2 };
const accountAfter = (events: AccountEvent[]) => events.reduce(evolve, initialAccountState()) as OpenedAccount;
const work = (events: AccountEvent[], today = '2026-03-10') => dueWork(accountAfter(events), today, settings).map((c) => c.type);

// 15:00 UTC is 10:00 in New York: within the debtor's hours.
const now = '2026-03-10T15:00:00Z';
const confirm = (at = now) => command<SendResolutionConfirmation>('SendResolutionConfirmation', { policies: regulationFEverywhere }, at);
const withEmail: AccountEvent = {
  type: 'AccountOpened',
  data: { accountId: 'acc-1', creditorId: 'cred-1', debtor: { ...opened.data.debtor, email: 'ada@example.com' } },
};
const billed = (opening: AccountEvent = withEmail) => [opening, issued('inv-1', 50_000, '2026-01-01', '2026-01-31')];
const paidInFull = paymentReceived(50_000, '2026-03-09', { allocations: [{ invoiceId: 'inv-1', amount: 50_000 }] });
const confirmation = (channel: NoticeSent['data']['channel'], at = now): NoticeSent => ({
  type: 'NoticeSent',
  data: {
    notificationId: `acc-1:resolution_confirmation:account:${at}`,
    purpose: 'resolution_confirmation',
    channel,
    template: 'resolution-confirmation',
    sentAt: at,
  },
});
/** The confirmation as decided: with the thank-you its template renders to (what it says is the notices specs' part). */
const confirmed = (channel: NoticeSent['data']['channel']): NoticeSent => {
  const event = confirmation(channel);
  return {
    ...event,
    data: { ...event.data, message: expect.objectContaining({ templateId: 'resolution-confirmation', body: expect.stringContaining('Thank you') }) },
  };
};
const cease: AccountEvent = { type: 'CeaseCommunicationRequested', data: { requestedOn: '2026-03-01' } };
const requested: AccountEvent = { type: 'ResolutionConfirmationRequested', data: { requestedOn: '2026-03-05' } };

describe('Resolution: paid in full, settled, or the plan completed', () => {
  it('leaves every strategy: the only work left is the confirmation, which goes by e-mail, once', () => {
    const resolved = [...billed(), paidInFull];
    expect(accountAfter(resolved).resolution).toEqual({ how: 'paid_in_full', resolvedOn: '2026-03-09', confirmed: false });
    expect(nextWakeOn(accountAfter(resolved))).toBe('2026-03-09');
    expect(work(resolved)).toEqual(['SendResolutionConfirmation']);
    spec
      .given(resolved)
      .when(confirm())
      .then([confirmed('email')]);
    spec
      .given([...resolved, confirmation('email')])
      .when(confirm())
      .thenThrows('RESOLUTION_ALREADY_CONFIRMED');
    expect(work([...resolved, confirmation('email')], '2027-01-01')).toEqual([]);
    expect(nextWakeOn(accountAfter([...resolved, confirmation('email')]))).toBeNull();
  });

  it('is owed no validation notice once the debt is paid (1006.34(a)(2))', () => {
    const contacted: AccountEvent = {
      type: 'ContactAttempted',
      data: { channel: 'call', direction: 'outbound', outcome: 'right_party_contact', at: '2026-03-08T15:00:00Z' },
    };
    expect(work([...billed(), contacted])).toContain('SendValidationNotice');
    expect(work([...billed(), contacted, paidInFull])).toEqual(['SendResolutionConfirmation']);
  });

  it('goes by letter when the debtor has no e-mail address or has blocked e-mail, and waits for the debtor’s hours by e-mail', () => {
    spec
      .given([...billed(openedWithout('email')), paidInFull])
      .when(confirm())
      .then([confirmed('letter')]);
    const blocked: AccountEvent = { type: 'ChannelBlocked', data: { channel: 'email' } };
    spec
      .given([...billed(), blocked, paidInFull])
      .when(confirm())
      .then([confirmed('letter')]);
    // 02:00 in New York: an e-mail then would be at an inconvenient time (1006.6(b)(1)(i)).
    spec
      .given([...billed(), paidInFull])
      .when(confirm('2026-03-10T07:00:00Z'))
      .thenThrows('OUTSIDE_CONTACT_HOURS');
  });

  it('knows a settlement and a completed plan from a payment in full', () => {
    const settlement: AccountEvent[] = [
      { type: 'SettlementAgreed', data: { settlementId: 's-1', amount: 30_000, currency: 'USD', dueOn: '2026-03-31', settles: 50_000 } },
      paymentReceived(30_000, '2026-03-09', { allocations: [{ invoiceId: 'inv-1', amount: 30_000 }] }),
      { type: 'SettlementCompleted', data: { settlementId: 's-1', paymentId: 'pay-1', writtenOff: [{ invoiceId: 'inv-1', amount: 20_000 }] } },
    ];
    expect(accountAfter([...billed(), ...settlement]).resolution).toMatchObject({ how: 'settled', resolvedOn: '2026-03-09' });
    const plan: AccountEvent[] = [
      planAgreed([{ invoiceId: 'inv-1', amount: 50_000 }], [{ dueOn: '2026-03-09', amount: 50_000 }]),
      paidInFull,
      { type: 'PlanCompleted', data: { planId: 'plan-1', paymentId: 'pay-1' } },
    ];
    expect(accountAfter([...billed(), ...plan]).resolution).toMatchObject({ how: 'plan_completed', resolvedOn: '2026-03-09' });
  });

  it('is not a write-off, nor a part payment, nor a plan completed while other invoices are owed', () => {
    const writtenOff: AccountEvent = { type: 'DebtWrittenOff', data: { reason: 'deceased', allocations: [{ invoiceId: 'inv-1', amount: 50_000 }] } };
    expect(work([...billed(), writtenOff])).toEqual([]);
    spec
      .given([...billed(), writtenOff])
      .when(confirm())
      .thenThrows('NOT_RESOLVED');
    expect(accountAfter([...billed(), paymentReceived(10_000, '2026-03-09', { allocations: [{ invoiceId: 'inv-1', amount: 10_000 }] })]).resolution).toBeNull();
    const other = issued('inv-2', 5_000, '2026-02-01', '2026-02-28');
    const plan: AccountEvent[] = [
      planAgreed([{ invoiceId: 'inv-1', amount: 50_000 }], [{ dueOn: '2026-03-09', amount: 50_000 }]),
      paidInFull,
      { type: 'PlanCompleted', data: { planId: 'plan-1', paymentId: 'pay-1' } },
    ];
    expect(accountAfter([...billed(), other, ...plan]).resolution).toBeNull();
  });

  it('confirms each resolution once: a new invoice owed ends the last, and its payment is another', () => {
    const again = [...billed(), paidInFull, confirmation('email'), issued('inv-2', 5_000, '2026-03-10', '2026-04-10')];
    expect(accountAfter(again).resolution).toBeNull();
    const paidAgain = paymentReceived(5_000, '2026-04-01', { paymentId: 'pay-2', allocations: [{ invoiceId: 'inv-2', amount: 5_000 }] });
    expect(work([...again, paidAgain], '2026-04-01')).toEqual(['SendResolutionConfirmation']);
  });

  it('is still owed its confirmation once the account is closed', () => {
    const closed: AccountEvent = { type: 'AccountClosed', data: { closedOn: '2026-03-09' } };
    expect(work([...billed(), paidInFull, closed])).toEqual(['SendResolutionConfirmation']);
    spec
      .given([...billed(), paidInFull, closed])
      .when(confirm())
      .then([confirmed('email')]);
  });
});

describe('Resolution under a cease request (12 CFR 1006.6(c))', () => {
  // After a cease request only the notices 1006.6(c)(2) allows go out: a confirmation goes only where the debtor asked for it.
  it('sends no confirmation the debtor did not ask for', () => {
    const ceased = [...billed(), cease, paidInFull];
    expect(work(ceased)).toEqual([]);
    expect(nextWakeOn(accountAfter(ceased))).toBeNull();
    spec.given(ceased).when(confirm()).thenThrows('CEASE_REQUESTED');
  });

  it('sends the confirmation the debtor asked for, before or after the resolution', () => {
    spec
      .given([...billed(), cease])
      .when(command<RequestResolutionConfirmation>('RequestResolutionConfirmation', {}, now))
      .then([{ type: 'ResolutionConfirmationRequested', data: { requestedOn: '2026-03-10' } }]);
    spec
      .given([...billed(), cease, requested])
      .when(command<RequestResolutionConfirmation>('RequestResolutionConfirmation', {}, now))
      .thenThrows('CONFIRMATION_ALREADY_REQUESTED');
    expect(work([...billed(), cease, requested, paidInFull])).toEqual(['SendResolutionConfirmation']);
    expect(work([...billed(), cease, paidInFull, requested])).toEqual(['SendResolutionConfirmation']);
    spec
      .given([...billed(), cease, paidInFull, requested])
      .when(confirm())
      .then([confirmed('email')]);
  });
});
