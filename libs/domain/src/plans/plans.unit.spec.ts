import { deciderSpecification } from '@arrears/testing';
import type { AccountEvent } from '../account/account.events';
import { accountDecider, command, issued, opened, paymentReceived } from '../account/account.fixtures';
import type { AgreePlan } from './plans.commands';

const spec = deciderSpecification(accountDecider);
const agree = (installments: { dueOn: string; amount: number }[], data: Partial<AgreePlan['data']> = {}) =>
  command<AgreePlan>('AgreePlan', { planId: 'plan-1', currency: 'USD', installments, ...data });
const inv1 = issued('inv-1', 5000, '2026-01-01', '2026-01-31');
const inv2 = issued('inv-2', 2500, '2026-01-10', '2026-02-10');
const twoInstallments = [
  { dueOn: '2026-03-01', amount: 3750 },
  { dueOn: '2026-04-01', amount: 3750 },
];
const agreed: AccountEvent = {
  type: 'PlanAgreed',
  data: {
    planId: 'plan-1',
    currency: 'USD',
    agreedOn: '2026-03-01',
    installments: [
      { number: 1, dueOn: '2026-03-01', amount: 3750 },
      { number: 2, dueOn: '2026-04-01', amount: 3750 },
    ],
    covers: [
      { invoiceId: 'inv-1', amount: 5000 },
      { invoiceId: 'inv-2', amount: 2500 },
    ],
  },
};

describe('AgreePlan', () => {
  it('covers the whole open balance by default', () => {
    spec.given([opened, inv1, inv2]).when(agree(twoInstallments)).then([agreed]);
  });
  it('covers only the invoices named', () => {
    spec
      .given([opened, inv1, inv2])
      .when(agree([{ dueOn: '2026-03-15', amount: 2500 }], { invoiceIds: ['inv-2'] }))
      .then([
        {
          type: 'PlanAgreed',
          data: {
            planId: 'plan-1',
            currency: 'USD',
            agreedOn: '2026-03-01',
            installments: [{ number: 1, dueOn: '2026-03-15', amount: 2500 }],
            covers: [{ invoiceId: 'inv-2', amount: 2500 }],
          },
        },
      ]);
  });
  it('refuses to cover an invoice already paid', () => {
    const paid = paymentReceived(2500, '2026-02-01', { allocations: [{ invoiceId: 'inv-1', amount: 2500 }] });
    const paidInv2 = paymentReceived(2500, '2026-02-01', { paymentId: 'pay-2', allocations: [{ invoiceId: 'inv-2', amount: 2500 }] });
    spec
      .given([opened, inv1, inv2, paid, paidInv2])
      .when(agree([{ dueOn: '2026-03-15', amount: 2500 }], { invoiceIds: ['inv-2'] }))
      .thenThrows('INVOICE_ALREADY_PAID', { invoiceId: 'inv-2' });
  });
  it('refuses an installment dated before the debtor’s today, and takes one dated today', () => {
    spec
      .given([opened, inv1, inv2])
      .when(
        agree([
          { dueOn: '2026-02-28', amount: 3750 },
          { dueOn: '2026-04-01', amount: 3750 },
        ]),
      )
      .thenThrows('PLAN_INSTALLMENT_IN_PAST', { index: 0, dueOn: '2026-02-28', today: '2026-03-01' });
    // 03:00 UTC on 03-02 is still 03-01 in New York, the debtor's zone.
    spec
      .given([opened, inv1, inv2])
      .when({ ...agree(twoInstallments), now: '2026-03-02T03:00:00Z' })
      .then([agreed]);
  });
  it('refuses installments that do not add up to the covered balance, saying both sums', () => {
    spec
      .given([opened, inv1, inv2])
      .when(agree([{ dueOn: '2026-03-01', amount: 7000 }]))
      .thenThrows('PLAN_SUM_MISMATCH', { installmentsTotal: 7000, coveredBalance: 7500 });
  });
  it('refuses a plan naming an invoice twice, whose installments would add up to its balance counted twice', () => {
    const double = [
      { dueOn: '2026-03-01', amount: 5000 },
      { dueOn: '2026-04-01', amount: 5000 },
    ];
    spec
      .given([opened, inv1, inv2])
      .when(agree(double, { invoiceIds: ['inv-1', 'inv-1'] }))
      .thenThrows('INVOICE_NAMED_TWICE', { field: 'invoiceIds', invoiceId: 'inv-1' });
  });
  it.each([
    ['a second plan while one is active', [opened, inv1, inv2, agreed], agree(twoInstallments, { planId: 'plan-2' }), 'PLAN_ALREADY_ACTIVE'],
    ['a plan id used before', [opened, inv1, inv2, agreed], agree(twoInstallments), 'PLAN_ALREADY_AGREED'],
    ['a plan without installments', [opened, inv1], agree([]), 'PLAN_WITHOUT_INSTALLMENTS'],
    [
      'a plan of more than ten years of monthly installments',
      [opened, inv1],
      agree(Array(121).fill({ dueOn: '2026-03-01', amount: 1 })),
      'PLAN_TOO_MANY_INSTALLMENTS',
    ],
    ['installments out of date order', [opened, inv1, inv2], agree([...twoInstallments].reverse()), 'PLAN_INSTALLMENTS_NOT_IN_ORDER'],
    ['an installment of zero', [opened, inv1], agree([{ dueOn: '2026-03-01', amount: 0 }]), 'INVALID_AMOUNT'],
    ['an account with nothing owed', [opened], agree([{ dueOn: '2026-03-01', amount: 100 }]), 'NOTHING_TO_COVER'],
    ['an invoice that does not exist', [opened, inv1], agree(twoInstallments, { invoiceIds: ['inv-9'] }), 'INVOICE_NOT_FOUND'],
    ['another currency', [opened, inv1], agree(twoInstallments, { currency: 'EUR' }), 'CURRENCY_MISMATCH'],
    ['an impossible installment date', [opened, inv1], agree([{ dueOn: '2026-02-30', amount: 5000 }]), 'INVALID_DATE'],
    ['an account that does not exist', [], agree(twoInstallments), 'ACCOUNT_NOT_FOUND'],
    ['a closed account', [opened, { type: 'AccountClosed' as const, data: { closedOn: '2026-01-01' } }], agree(twoInstallments), 'ACCOUNT_CLOSED'],
  ])('refuses %s', (_case, given, plan, code) => {
    spec.given(given).when(plan).thenThrows(code);
  });
});
