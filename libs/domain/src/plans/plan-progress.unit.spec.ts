import { deciderSpecification } from '@arrears/testing';
import type { AccountEvent } from '../account/account.events';
import { accountDecider, command, issued, opened, paymentReceived, planAgreed } from '../account/account.fixtures';
import type { ExtendDeadline, MarkInstallmentMissed } from './plans.commands';

const spec = deciderSpecification(accountDecider);
const plan = [
  opened,
  issued('inv-1', 30_000, '2026-01-01', '2026-01-31'),
  planAgreed(
    [{ invoiceId: 'inv-1', amount: 30_000 }],
    [
      { dueOn: '2026-02-10', amount: 10_000 },
      { dueOn: '2026-03-10', amount: 10_000 },
      { dueOn: '2026-04-10', amount: 10_000 },
    ],
  ),
];
const miss = (installment: number, now: string, breakAfter = 2) =>
  command<MarkInstallmentMissed>('MarkInstallmentMissed', { planId: 'plan-1', installment, graceDays: 3, breakAfter }, now);
const missed = (installment: number, dueOn: string): AccountEvent => ({
  type: 'InstallmentMissed',
  data: { planId: 'plan-1', installment, dueOn, unpaid: 10_000 },
});
const extend = (installment: number, dueOn: string) =>
  command<ExtendDeadline>('ExtendDeadline', { planId: 'plan-1', installment, dueOn }, '2026-02-05T15:00:00Z');

describe('MarkInstallmentMissed', () => {
  it('marks an installment unpaid after its due date plus grace', () => {
    spec.given(plan).when(miss(1, '2026-02-13T20:00:00Z')).thenThrows('INSTALLMENT_NOT_DUE', { lastDay: '2026-02-13' });
    spec
      .given(plan)
      .when(miss(1, '2026-02-14T15:00:00Z'))
      .then([missed(1, '2026-02-10')]);
  });
  it('breaks the plan at the configured number of missed installments', () => {
    spec
      .given([...plan, missed(1, '2026-02-10')])
      .when(miss(2, '2026-03-14T15:00:00Z'))
      .then([missed(2, '2026-03-10'), { type: 'PlanBroken', data: { planId: 'plan-1', missedInstallments: 2, remaining: 30_000 } }]);
  });
  it('refuses a paid, already missed, unknown installment or another plan', () => {
    const paid = paymentReceived(10_000, '2026-02-09', {
      installmentAllocations: [{ installment: 1, amount: 10_000 }],
      allocations: [{ invoiceId: 'inv-1', amount: 10_000 }],
    });
    spec
      .given([...plan, paid])
      .when(miss(1, '2026-02-14T15:00:00Z'))
      .thenThrows('INSTALLMENT_PAID');
    spec
      .given([...plan, missed(1, '2026-02-10')])
      .when(miss(1, '2026-02-14T15:00:00Z', 3))
      .thenThrows('INSTALLMENT_ALREADY_MISSED');
    spec.given(plan).when(miss(4, '2026-02-14T15:00:00Z')).thenThrows('INSTALLMENT_NOT_FOUND');
    spec.given([opened]).when(miss(1, '2026-02-14T15:00:00Z')).thenThrows('PLAN_NOT_ACTIVE');
  });
});

describe('ExtendDeadline', () => {
  it('moves an installment later, before the next one', () => {
    spec
      .given(plan)
      .when(extend(1, '2026-02-20'))
      .then([{ type: 'DeadlineExtended', data: { planId: 'plan-1', installment: 1, previousDueOn: '2026-02-10', dueOn: '2026-02-20' } }]);
  });
  it('un-misses an extended installment, so it no longer counts towards breaking the plan', () => {
    spec
      .given([
        ...plan,
        missed(1, '2026-02-10'),
        { type: 'DeadlineExtended', data: { planId: 'plan-1', installment: 1, previousDueOn: '2026-02-10', dueOn: '2026-02-20' } },
      ])
      .when(miss(2, '2026-03-14T15:00:00Z'))
      .then([missed(2, '2026-03-10')]);
  });
  it('refuses an earlier date, or one past the next installment', () => {
    spec.given(plan).when(extend(1, '2026-02-10')).thenThrows('DEADLINE_NOT_LATER');
    spec.given(plan).when(extend(1, '2026-03-10')).thenThrows('PLAN_INSTALLMENTS_NOT_IN_ORDER');
  });
});
