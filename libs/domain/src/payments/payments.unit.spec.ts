import { deciderSpecification } from '@arrears/testing';
import { accountDecider, command, issued, opened, paymentReceived, planAgreed } from '../account/account.fixtures';
import type { RecordPayment } from './payments.commands';
import { evolve } from '../account/account.evolve';
import { initialAccountState, type OpenedAccount } from '../account/account.state';
import { sharedEntryOf } from '../lookup/shared-registry';

const spec = deciderSpecification(accountDecider);
const pay = (amount: number, receivedOn = '2026-02-10', data: Partial<RecordPayment['data']> = {}) =>
  command<RecordPayment>('RecordPayment', { paymentId: 'pay-1', amount, currency: 'USD', receivedOn, method: 'card', ...data });
const older = issued('inv-old', 3000, '2026-01-01', '2026-01-15');
const newer = issued('inv-new', 5000, '2026-01-05', '2026-01-31');
const plan = planAgreed(
  [
    { invoiceId: 'inv-old', amount: 3000 },
    { invoiceId: 'inv-new', amount: 5000 },
  ],
  [
    { dueOn: '2026-03-01', amount: 4000 },
    { dueOn: '2026-04-01', amount: 4000 },
  ],
);

describe('RecordPayment', () => {
  const openedOnFeb = { ...opened, data: { ...opened.data, openedOn: '2026-02-01' } } as typeof opened;
  it('refuses a payment received before the account opened', () => {
    spec.given([openedOnFeb, older]).when(pay(1000, '2026-01-31')).thenThrows('PAYMENT_BEFORE_ACCOUNT_OPENED', { field: 'receivedOn', openedOn: '2026-02-01' });
  });
  it('takes a payment received on the day the account opened', () => {
    spec
      .given([openedOnFeb, older])
      .when(pay(1000, '2026-02-01'))
      .then([paymentReceived(1000, '2026-02-01', { allocations: [{ invoiceId: 'inv-old', amount: 1000 }] })]);
  });
  it('refuses a negative amount and a currency ISO 4217 does not know', () => {
    spec.given([opened, older]).when(pay(-100)).thenThrows('INVALID_AMOUNT', { field: 'amount' });
    spec
      .given([opened, older])
      .when(pay(100, '2026-02-10', { currency: 'XYZ' }))
      .thenThrows('UNKNOWN_CURRENCY', { field: 'currency' });
  });
  it('pays the oldest open amount first', () => {
    spec
      .given([opened, newer, older])
      .when(pay(4000))
      .then([
        paymentReceived(4000, '2026-02-10', {
          allocations: [
            { invoiceId: 'inv-old', amount: 3000 },
            { invoiceId: 'inv-new', amount: 1000 },
          ],
        }),
      ]);
  });
  it('keeps an overpayment as credit', () => {
    spec
      .given([opened, older])
      .when(pay(3500))
      .then([paymentReceived(3500, '2026-02-10', { allocations: [{ invoiceId: 'inv-old', amount: 3000 }], credited: 500 })]);
  });
  it('applies the early-payment discount when the payment settles the invoice inside its window', () => {
    const discounted = issued('inv-1', 10000, '2026-02-01', '2026-03-01', {
      graceDays: 0,
      earlyPaymentDiscount: { percent: 2, withinDays: 10 },
    });
    spec
      .given([opened, discounted])
      .when(pay(9800, '2026-02-11'))
      .then([
        paymentReceived(9800, '2026-02-11', { allocations: [{ invoiceId: 'inv-1', amount: 9800 }] }),
        { type: 'EarlyPaymentDiscountApplied', data: { invoiceId: 'inv-1', paymentId: 'pay-1', amount: 200, currency: 'USD', percent: 2 } },
      ]);
  });
  it('gives no discount to a payment that does not settle the invoice, or comes after the window', () => {
    const discounted = issued('inv-1', 10000, '2026-02-01', '2026-03-01', {
      graceDays: 0,
      earlyPaymentDiscount: { percent: 2, withinDays: 10 },
    });
    spec
      .given([opened, discounted])
      .when(pay(9000, '2026-02-05'))
      .then([paymentReceived(9000, '2026-02-05', { allocations: [{ invoiceId: 'inv-1', amount: 9000 }] })]);
    spec
      .given([opened, discounted])
      .when(pay(9800, '2026-02-12'))
      .then([paymentReceived(9800, '2026-02-12', { allocations: [{ invoiceId: 'inv-1', amount: 9800 }] })]);
  });
  it('pays the plan’s installments in order (and the invoices it covers) before anything else', () => {
    const uncovered = issued('inv-later', 700, '2026-02-02', '2026-02-03');
    spec
      .given([opened, older, newer, plan, uncovered])
      .when(pay(4500))
      .then([
        paymentReceived(4500, '2026-02-10', {
          allocations: [
            { invoiceId: 'inv-old', amount: 3000 },
            { invoiceId: 'inv-new', amount: 1500 },
          ],
          installmentAllocations: [
            { installment: 1, amount: 4000 },
            { installment: 2, amount: 500 },
          ],
        }),
        { type: 'InstallmentPaid', data: { planId: 'plan-1', installment: 1, paymentId: 'pay-1' } },
      ]);
  });
  it('sends what exceeds the plan to the other invoices, then to credit', () => {
    const uncovered = issued('inv-later', 700, '2026-02-02', '2026-02-03');
    spec
      .given([opened, older, newer, plan, uncovered])
      .when(pay(9000))
      .then([
        paymentReceived(9000, '2026-02-10', {
          allocations: [
            { invoiceId: 'inv-old', amount: 3000 },
            { invoiceId: 'inv-new', amount: 5000 },
            { invoiceId: 'inv-later', amount: 700 },
          ],
          installmentAllocations: [
            { installment: 1, amount: 4000 },
            { installment: 2, amount: 4000 },
          ],
          credited: 300,
        }),
        { type: 'InstallmentPaid', data: { planId: 'plan-1', installment: 1, paymentId: 'pay-1' } },
        { type: 'InstallmentPaid', data: { planId: 'plan-1', installment: 2, paymentId: 'pay-1' } },
        { type: 'PlanCompleted', data: { planId: 'plan-1', paymentId: 'pay-1' } },
      ]);
  });
  it('completes the plan when its last installment is paid', () => {
    const first = paymentReceived(4000, '2026-02-05', {
      paymentId: 'pay-0',
      allocations: [
        { invoiceId: 'inv-old', amount: 3000 },
        { invoiceId: 'inv-new', amount: 1000 },
      ],
      installmentAllocations: [{ installment: 1, amount: 4000 }],
    });
    spec
      .given([opened, older, newer, plan, first])
      .when(pay(4000))
      .then([
        paymentReceived(4000, '2026-02-10', {
          allocations: [{ invoiceId: 'inv-new', amount: 4000 }],
          installmentAllocations: [{ installment: 2, amount: 4000 }],
        }),
        { type: 'InstallmentPaid', data: { planId: 'plan-1', installment: 2, paymentId: 'pay-1' } },
        { type: 'PlanCompleted', data: { planId: 'plan-1', paymentId: 'pay-1' } },
      ]);
  });
  it('takes a payment on a closed account as credit, and reopens the account as of the debtor’s today', () => {
    const paidInFull = paymentReceived(3000, '2026-01-20', { paymentId: 'pay-0', allocations: [{ invoiceId: 'inv-old', amount: 3000 }] });
    const closed = { type: 'AccountClosed' as const, data: { closedOn: '2026-02-01' } };
    const taken = [
      { type: 'AccountReopened' as const, data: { reopenedOn: '2026-03-01', reason: 'payment_received' as const, paymentId: 'pay-1' } },
      paymentReceived(500, '2026-02-10', { credited: 500 }),
    ];
    spec.given([opened, older, paidInFull, closed]).when(pay(500)).then(taken);
    expect([opened, older, paidInFull, closed, ...taken].reduce(evolve, initialAccountState())).toMatchObject({ status: 'open', credit: 500 });
  });
  it.each([
    ['a payment id already recorded', [opened, older, paymentReceived(100, '2026-02-01', {})], pay(100), 'PAYMENT_ALREADY_RECORDED'],
    ['a zero amount', [opened, older], pay(0), 'INVALID_AMOUNT'],
    ['a method no report knows', [opened, older], pay(100, '2026-02-10', { method: 'crypto' as never }), 'INVALID_PAYMENT_METHOD'],
    ['another currency', [opened, older], pay(100, '2026-02-10', { currency: 'EUR' }), 'CURRENCY_MISMATCH'],
    ['an unknown currency', [opened], pay(100, '2026-02-10', { currency: 'ABC' }), 'UNKNOWN_CURRENCY'],
    ['a fractional amount', [opened, older], pay(10.5), 'INVALID_AMOUNT'],
    ['a date in the debtor’s future', [opened, older], pay(100, '2026-03-02'), 'PAYMENT_DATE_IN_FUTURE'],
    ['an impossible date', [opened, older], pay(100, '2026-02-31'), 'INVALID_DATE'],
    ['an account that does not exist', [], pay(100), 'ACCOUNT_NOT_FOUND'],
  ])('refuses %s', (_case, given, payment, code) => {
    spec.given(given).when(payment).thenThrows(code);
  });
});

describe('Folding a payment', () => {
  const big = issued('inv-1', 1e12, '2026-01-01', '2026-01-31');
  const payment = (n: number) =>
    paymentReceived(1, `2026-02-${String((n % 28) + 1).padStart(2, '0')}`, { paymentId: `pay-${n}`, allocations: [{ invoiceId: 'inv-1', amount: 1 }] });
  const objectsOf = (value: unknown, seen = new Set<object>()): Set<object> => {
    if (typeof value === 'object' && value !== null && !seen.has(value)) {
      seen.add(value);
      for (const child of Object.values(value)) objectsOf(child, seen);
    }
    return seen;
  };

  it.each([10, 1_000, 10_000])('after %i payments copies none of them, and leaves the account before it as it was', (past) => {
    let before = [opened, big].reduce(evolve, initialAccountState()) as OpenedAccount;
    for (let n = 0; n < past; n++) before = evolve(before, payment(n)) as OpenedAccount;
    const stored = JSON.stringify(before);
    const after = evolve(before, payment(past)) as OpenedAccount;
    expect(JSON.stringify(before)).toBe(stored);
    const added = sharedEntryOf(after.payments, `pay-${past}`);
    expect(added).toMatchObject({ amount: 1 });
    // The payments, and the invoice's days paid on, each build a root, two index objects and a bucket: the rest is shared.
    const old = objectsOf(added, objectsOf(before));
    expect([...objectsOf(after.payments)].filter((object) => !old.has(object))).toHaveLength(4);
    expect([...objectsOf(after.invoices['inv-1']?.paidOn)].filter((object) => !old.has(object))).toHaveLength(4);
  });
});
