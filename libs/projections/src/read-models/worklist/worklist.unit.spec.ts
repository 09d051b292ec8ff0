import { regulationF } from '@arrears/domain';
import { accountProjection, eventLog, facts, projectAll, type DataOf } from '../read-model.fixtures';
import { rankOf, scoreOn } from './priority';
import type { WorklistDocument } from './worklist-line';
import { worklistItem } from './worklist.view';

const on = eventLog();
const acc = on('acc-1');
const opened = acc('AccountOpened', facts.opened('acc-1'));
const issued = acc('InvoiceIssued', facts.invoice('inv-1', 99_900, '2026-01-01', '2026-01-31'));
const issued2 = acc('InvoiceIssued', facts.invoice('inv-2', 10_000, '2026-02-01', '2026-03-03'));
const missed = acc('PaymentMissed', { invoiceId: 'inv-1', dueOn: '2026-01-31', overdueAmount: 99_900, currency: 'EUR', missedOn: '2026-02-01' });
const claimed = acc('AccountClaimed', { agentId: 'agent-1', until: '2026-03-10T12:00:00.000Z' });
const paidOff = acc(
  'PaymentReceived',
  facts.payment('pay-1', 109_900, '2026-03-11', [
    { invoiceId: 'inv-1', amount: 99_900 },
    { invoiceId: 'inv-2', amount: 10_000 },
  ]),
);
const history = [opened, issued, issued2, missed, claimed];
const entry = (events = history) => projectAll(accountProjection, events).get('worklist/acc-1') as WorklistDocument;

describe('worklist read model', () => {
  it('keeps an opened account that owes nothing off the list', () => {
    expect(entry([opened])).toMatchObject({ listed: false, rank: null, outstanding: 0, oldestDueOn: null });
  });

  it('lists an account that owes money, aged by its oldest open invoice', () => {
    expect(entry([opened, issued, issued2])).toMatchObject({ listed: true, outstanding: 109_900, oldestDueOn: '2026-01-31', missedOpen: 0 });
  });

  it('counts open invoices marked missed, and who holds the claim', () => {
    expect(entry()).toMatchObject({ missedOpen: 1, claimAgentId: 'agent-1', claimUntil: '2026-03-10T12:00:00.000Z' });
  });

  it('takes a paid-off account off the list', () => {
    expect(entry([...history, paidOff])).toMatchObject({ listed: false, rank: null, outstanding: 0 });
  });

  it('puts a paid-off account back on the list when its payment is charged back, and keeps it there when told again', () => {
    const chargeback = acc('PaymentReversed', {
      reversalId: 'du-1',
      paymentId: 'pay-1',
      amount: 10_000,
      currency: 'EUR',
      reversedOn: '2026-03-12',
      reason: 'chargeback',
      creditReversed: 0,
      spentCreditReopened: [],
      allocations: [{ invoiceId: 'inv-2', amount: 10_000 }],
      installmentAllocations: [],
      discountsWithdrawn: [],
    });
    const events = [...history, paidOff, chargeback];
    expect(entry(events)).toMatchObject({ listed: true, outstanding: 10_000, oldestDueOn: '2026-03-03' });
    expect(projectAll(accountProjection, [...events, chargeback])).toEqual(projectAll(accountProjection, events));
  });

  it('takes an account under a plan off the list', () => {
    const plan = acc('PlanAgreed', {
      planId: 'plan-1',
      currency: 'EUR',
      agreedOn: '2026-03-01',
      installments: [{ number: 1, dueOn: '2026-04-01', amount: 109_900 }],
      covers: [
        { invoiceId: 'inv-1', amount: 99_900 },
        { invoiceId: 'inv-2', amount: 10_000 },
      ],
    });
    expect(entry([...history, plan])).toMatchObject({ listed: false, rank: null });
  });

  it('scores by a formula worked out by hand, parts adding up to the total', () => {
    // 999.00 outstanding → 10 × log10(1 + 999) = 30; 38 days past due × 0.5 = 19; one missed × 5 = 5.
    const score = scoreOn({ outstanding: 99_900, oldestDueOn: '2026-01-31', missedOpen: 1, brokenPromises: 0 }, '2026-03-10');
    expect(score).toEqual({ total: 54, parts: { amount: 30, age: 19, missedPayments: 5, brokenPromises: 0 } });
  });

  it('ranks as it scores on any day, so the stored order never goes stale', () => {
    const a = { outstanding: 99_900, oldestDueOn: '2026-01-31', missedOpen: 0, brokenPromises: 1 };
    const b = { outstanding: 5_000, oldestDueOn: '2025-11-01', missedOpen: 1, brokenPromises: 0 };
    for (const today of ['2026-03-01', '2026-09-30']) {
      expect(Math.sign(rankOf(a) - rankOf(b))).toBe(Math.sign(scoreOn(a, today).total - scoreOn(b, today).total));
      expect(rankOf(a) - rankOf(b)).toBeCloseTo(scoreOn(a, today).total - scoreOn(b, today).total, 1);
    }
  });

  it('explains a line: score parts, overdue amount, bucket, next action and the claiming agent', () => {
    const item = worklistItem(entry(), '2026-03-10T10:00:00.000Z', regulationF);
    expect(item).toMatchObject({
      accountId: 'acc-1',
      daysPastDue: 38,
      agingBucket: '31-60',
      outstanding: 109_900,
      overdueAmount: 109_900,
      score: { total: 54 + 0.41, parts: { amount: 30.41, age: 19, missedPayments: 5, brokenPromises: 0 } },
      nextAction: { code: 'mark_payment_missed' },
      claim: { agentId: 'agent-1', until: '2026-03-10T12:00:00.000Z' },
      assignedAgentId: null,
    });
    expect(worklistItem(entry(), '2026-03-10T12:00:00.000Z', regulationF).claim).toBeNull();
  });

  it('names the agent the account is assigned to, apart from the one claiming it, and keeps it past the claim', () => {
    const assigned = acc('AccountAssigned', { agentId: 'agent-9' });
    const line = (at: string) => worklistItem(entry([...history, assigned]), at, regulationF);
    expect(line('2026-03-10T10:00:00.000Z')).toMatchObject({ assignedAgentId: 'agent-9', claim: { agentId: 'agent-1' } });
    expect(line('2026-03-10T12:00:00.000Z')).toMatchObject({ assignedAgentId: 'agent-9', claim: null });
  });

  it('lists the invoices waiting for a supervisor’s credit decision until each is decided, whatever becomes of the limit', () => {
    const next = eventLog()('acc-1');
    const flagged = (invoiceId: string) => next('CreditLimitExceeded', { invoiceId, limit: 100_000, exposure: 109_900, currency: 'EUR', overLimit: 'approve' });
    const both = [
      next('AccountOpened', facts.opened('acc-1')),
      next('CreditLimitSet', { amount: 100_000, currency: 'EUR', overLimit: 'approve', maxTermDays: null }),
      next('InvoiceIssued', facts.invoice('inv-1', 99_900, '2026-01-01', '2026-01-31')),
      flagged('inv-1'),
      next('InvoiceIssued', facts.invoice('inv-2', 10_000, '2026-02-01', '2026-03-03')),
      flagged('inv-2'),
    ];
    const removed = next('CreditLimitRemoved', {});
    const decided = next('CreditApprovalDecided', { invoiceId: 'inv-1', decision: 'approved', note: null });
    const declined = next('CreditApprovalDecided', { invoiceId: 'inv-2', decision: 'declined', note: null });
    const pendingOf = (events: typeof history) => {
      const line = entry(events);
      return [line.creditApprovalPending, worklistItem(line, '2026-03-10T10:00:00.000Z', regulationF).pendingCreditApprovals];
    };
    expect(pendingOf(history)).toEqual([false, []]);
    expect(pendingOf(both)).toEqual([true, ['inv-1', 'inv-2']]);
    expect(pendingOf([...both, removed])).toEqual([true, ['inv-1', 'inv-2']]);
    expect(pendingOf([...both, removed, decided])).toEqual([true, ['inv-2']]);
    expect(pendingOf([...both, removed, decided, declined])).toEqual([false, []]);
  });

  it('makes a line from the account fold without keeping a fold of its own', () => {
    const line = entry([...history, acc('ContactAttempted', { channel: 'call', direction: 'outbound', outcome: 'no_answer', at: '2026-03-09T15:00:00.000Z' })]);
    expect(line).not.toHaveProperty('account');
    expect(line.contact.interactions.recentCalls).toHaveLength(1);
    expect(worklistItem(line, '2026-03-10T10:00:00.000Z', regulationF).contact.callsInWindow).toBe(1);
  });

  it('names the late fee next once the missed invoice is marked and its terms carry one', () => {
    const next = eventLog()('acc-1');
    const events = [
      next('AccountOpened', facts.opened('acc-1')),
      next('InvoiceIssued', {
        ...facts.invoice('inv-1', 99_900, '2026-01-01', '2026-01-31'),
        terms: { graceDays: 0, lateFee: { type: 'flat', amount: 2_500 } },
      }),
      next('PaymentMissed', { invoiceId: 'inv-1', dueOn: '2026-01-31', overdueAmount: 99_900, currency: 'EUR', missedOn: '2026-02-01' }),
    ];
    const line = (given: typeof history) => worklistItem(entry(given), '2026-03-10T15:00:00.000Z', regulationF).nextAction.code;
    expect(line(events.slice(0, 2))).toBe('mark_payment_missed');
    expect(line(events)).toBe('assess_late_fee');
    expect(line([opened, issued, missed])).toBe('call');
  });

  it('drops an account the agent may not pursue: cease, an open dispute, a hold, an agency, legal', () => {
    const dispute: DataOf<'DisputeRaised'> = {
      disputeId: 'd-1',
      invoiceId: null,
      reason: 'not mine',
      amount: 109_900,
      currency: 'EUR',
      raisedOn: '2026-03-05',
    };
    const restrictions = [
      acc('CeaseCommunicationRequested', { requestedOn: '2026-03-05' }),
      acc('DisputeRaised', dispute),
      acc('HoldPlaced', { holdId: 'h-1', reason: 'bereavement', until: '2026-03-20' }),
      acc('PlacedWithAgency', { agencyId: 'ag-1', placedOn: '2026-03-05', balance: 109_900 }),
      acc('EscalatedToLegal', { escalatedOn: '2026-03-05', reason: null }),
    ];
    for (const restriction of restrictions) expect(entry([...history, restriction])).toMatchObject({ listed: false, rank: null });
    const disputed = acc('DisputeRaised', dispute);
    const rejected = acc('DisputeResolved', { disputeId: 'd-1', outcome: 'rejected', adjustments: [] });
    expect(entry([...history, disputed, rejected])).toMatchObject({ listed: true });
  });

  it('lists an account while something undisputed is owed: a dispute of one invoice pauses only it (1006.38(d)(2))', () => {
    const disputeOf = (invoiceId: string | null, amount: number): DataOf<'DisputeRaised'> => ({
      disputeId: 'd-1',
      invoiceId,
      reason: 'not mine',
      amount,
      currency: 'EUR',
      raisedOn: '2026-03-05',
      timely: true,
      pausesCollection: true,
    });
    expect(entry([...history, acc('DisputeRaised', disputeOf('inv-1', 99_900))])).toMatchObject({ listed: true });
    const both = [
      acc('DisputeRaised', disputeOf('inv-1', 99_900)),
      acc('OriginalCreditorRequested', { requestId: 'r-1', invoiceId: 'inv-2', requestedOn: '2026-03-05' }),
    ];
    expect(entry([...history, ...both])).toMatchObject({ listed: false, rank: null });
    const line = entry([...history, acc('DisputeRaised', disputeOf('inv-1', 99_900))]);
    expect(worklistItem(line, '2026-03-10T15:00:00.000Z', regulationF).contact).toMatchObject({ contactableNow: true });
  });

  it('counts calls as the call-frequency rule does: not those not connected or to a wrong party', () => {
    const call = (at: string, outcome: DataOf<'ContactAttempted'>['outcome']) =>
      acc('ContactAttempted', { channel: 'call', direction: 'outbound', outcome, at });
    const calls = [
      call('2026-03-09T15:00:00.000Z', 'no_answer'),
      call('2026-03-09T16:00:00.000Z', 'not_connected'),
      call('2026-03-09T17:00:00.000Z', 'wrong_party'),
    ];
    expect(worklistItem(entry([...history, ...calls]), '2026-03-10T15:00:00.000Z', regulationF).contact).toMatchObject({ callsInWindow: 1 });
  });

  it('ranks a broken promise higher', () => {
    const promise = acc('PromiseToPayMade', { promiseId: 'p-1', amount: 10_000, currency: 'EUR', dueOn: '2026-03-05', graceDays: 0, madeOn: '2026-03-01' });
    const broken = acc('PromiseBroken', { promiseId: 'p-1', amount: 10_000, paid: 0 });
    const boosted = entry([...history, promise, broken]);
    expect(boosted.brokenPromises).toBe(1);
    expect((boosted.rank as number) - (entry().rank as number)).toBeCloseTo(10);
  });

  it('says whether a call is allowed now and, if not, from when', () => {
    // 10:00 UTC is 05:00 in New York: calls open at 08:00 local, 13:00 UTC.
    const newYork = acc('AccountOpened', { ...facts.opened('acc-1'), debtor: { reference: 'D-1', name: 'Ada', timeZone: 'America/New_York' } });
    const document = entry([newYork, ...history.slice(1)]);
    expect(worklistItem(document, '2026-03-10T10:00:00.000Z', regulationF).contact).toMatchObject({
      callsInWindow: 0,
      contactableNow: false,
      nextCallAllowedAt: '2026-03-10T12:00:00.000Z',
    });
    expect(worklistItem(document, '2026-03-10T15:00:00.000Z', regulationF).contact).toMatchObject({
      contactableNow: true,
      nextCallAllowedAt: '2026-03-10T15:00:00.000Z',
    });
  });

  it('changes nothing when events are delivered again', () => {
    const once = projectAll(accountProjection, history);
    expect(projectAll(accountProjection, [...history, ...history.slice(1)])).toEqual(once);
  });
});
