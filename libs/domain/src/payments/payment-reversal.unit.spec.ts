import { deciderSpecification } from '@arrears/testing';
import { accountDecider, command, issued, opened, paymentReceived, planAgreed } from '../account/account.fixtures';
import { evolve } from '../account/account.evolve';
import type { AccountEvent } from '../account/account.events';
import { initialAccountState, outstanding, paidDays, type OpenedAccount } from '../account/account.state';
import type { ReversePayment } from './payments.commands';
import type { PaymentReversed } from './payments.events';

const spec = deciderSpecification(accountDecider);
const reverse = (amount: number, data: Partial<ReversePayment['data']> = {}) =>
  command<ReversePayment>('ReversePayment', {
    reversalId: 're-1',
    paymentId: 'pay-1',
    amount,
    currency: 'USD',
    reversedOn: '2026-02-20',
    reason: 'refund',
    ...data,
  });
const reversed = (amount: number, data: Partial<PaymentReversed['data']> = {}): PaymentReversed => ({
  type: 'PaymentReversed',
  data: {
    reversalId: 're-1',
    paymentId: 'pay-1',
    amount,
    currency: 'USD',
    reversedOn: '2026-02-20',
    reason: 'refund',
    creditReversed: 0,
    spentCreditReopened: [],
    allocations: [],
    installmentAllocations: [],
    discountsWithdrawn: [],
    ...data,
  },
});
const fold = (events: AccountEvent[]) => events.reduce(evolve, initialAccountState()) as OpenedAccount;
const owed = (account: OpenedAccount, invoiceId: string) => outstanding(account.invoices[invoiceId] as OpenedAccount['invoices'][string]);

const older = issued('inv-old', 3000, '2026-01-01', '2026-01-15');
const newer = issued('inv-new', 5000, '2026-01-05', '2026-01-31');
const paidBoth = paymentReceived(4500, '2026-02-10', {
  allocations: [
    { invoiceId: 'inv-old', amount: 3000 },
    { invoiceId: 'inv-new', amount: 1500 },
  ],
});

describe('ReversePayment', () => {
  it('takes back a payment of a closed account, reopening the account and what the payment paid', () => {
    const paidInFull = paymentReceived(3000, '2026-02-10', { allocations: [{ invoiceId: 'inv-old', amount: 3000 }] });
    const closed = { type: 'AccountClosed' as const, data: { closedOn: '2026-02-15' } };
    const taken: AccountEvent[] = [
      { type: 'AccountReopened', data: { reopenedOn: '2026-03-01', reason: 'payment_reversed', paymentId: 'pay-1' } },
      reversed(3000, { reason: 'chargeback', allocations: [{ invoiceId: 'inv-old', amount: 3000 }] }),
    ];
    spec
      .given([opened, older, paidInFull, closed])
      .when(reverse(3000, { reason: 'chargeback' }))
      .then(taken);
    const account = fold([opened, older, paidInFull, closed, ...taken]);
    expect([account.status, owed(account, 'inv-old')]).toEqual(['open', 3000]);
    // Told again, it is in the account already: nothing more, not a second reopening.
    spec
      .given([opened, older, paidInFull, closed, ...taken])
      .when(reverse(3000, { reason: 'chargeback' }))
      .then([]);
  });
  it('reopens the whole payment on a full refund', () => {
    const event = reversed(4500, {
      allocations: [
        { invoiceId: 'inv-new', amount: 1500 },
        { invoiceId: 'inv-old', amount: 3000 },
      ],
    });
    spec.given([opened, older, newer, paidBoth]).when(reverse(4500)).then([event]);
    const account = fold([opened, older, newer, paidBoth, event]);
    expect([owed(account, 'inv-old'), owed(account, 'inv-new')]).toEqual([3000, 5000]);
    expect(paidDays(account.invoices['inv-old']!)).toEqual([]);
  });

  it('reverses the most recent allocations first on a partial refund, and the next one goes on from there', () => {
    const first = reversed(2000, {
      allocations: [
        { invoiceId: 'inv-new', amount: 1500 },
        { invoiceId: 'inv-old', amount: 500 },
      ],
    });
    spec.given([opened, older, newer, paidBoth]).when(reverse(2000)).then([first]);
    spec
      .given([opened, older, newer, paidBoth, first])
      .when(reverse(2500, { reversalId: 're-2', reason: 'chargeback', providerReference: 'du_1' }))
      .then([reversed(2500, { reversalId: 're-2', reason: 'chargeback', providerReference: 'du_1', allocations: [{ invoiceId: 'inv-old', amount: 2500 }] })]);
  });

  it('takes back what the payment left as credit before anything it paid', () => {
    const overpaid = paymentReceived(3500, '2026-02-10', { allocations: [{ invoiceId: 'inv-old', amount: 3000 }], credited: 500 });
    const event = reversed(800, { creditReversed: 500, allocations: [{ invoiceId: 'inv-old', amount: 300 }] });
    spec.given([opened, older, overpaid]).when(reverse(800)).then([event]);
    const account = fold([opened, older, overpaid, event]);
    expect(account.credit).toBe(0);
    expect(owed(account, 'inv-old')).toBe(300);
  });

  it('reopens only what credit paid, never an invoice another payment paid in cash', () => {
    const overpaid = paymentReceived(3100, '2026-02-10', { allocations: [{ invoiceId: 'inv-old', amount: 3000 }], credited: 100 });
    const later = issued('inv-later', 100, '2026-02-11', '2026-03-11');
    const third = issued('inv-third', 100, '2026-02-12', '2026-04-11');
    const used = { type: 'CreditApplied' as const, data: { invoiceId: 'inv-later', amount: 100, currency: 'USD' } };
    const cash = paymentReceived(50, '2026-02-15', { paymentId: 'pay-2', allocations: [{ invoiceId: 'inv-third', amount: 50 }] });
    const event = reversed(3100, {
      spentCreditReopened: [{ invoiceId: 'inv-later', amount: 100 }],
      allocations: [{ invoiceId: 'inv-old', amount: 3000 }],
    });
    spec.given([opened, older, overpaid, later, third, used, cash]).when(reverse(3100)).then([event]);
    const account = fold([opened, older, overpaid, later, third, used, cash, event]);
    expect([owed(account, 'inv-old'), owed(account, 'inv-later'), owed(account, 'inv-third')]).toEqual([3000, 100, 50]);
  });

  it('reopens the invoice that used the payment’s credit when that credit is spent', () => {
    const overpaid = paymentReceived(3500, '2026-02-10', { allocations: [{ invoiceId: 'inv-old', amount: 3000 }], credited: 500 });
    const later = issued('inv-later', 400, '2026-02-11', '2026-03-11');
    const used = { type: 'CreditApplied' as const, data: { invoiceId: 'inv-later', amount: 400, currency: 'USD' } };
    const event = reversed(600, {
      creditReversed: 100,
      spentCreditReopened: [{ invoiceId: 'inv-later', amount: 400 }],
      allocations: [{ invoiceId: 'inv-old', amount: 100 }],
    });
    spec.given([opened, older, overpaid, later, used]).when(reverse(600)).then([event]);
    const account = fold([opened, older, overpaid, later, used, event]);
    expect([account.credit, owed(account, 'inv-later'), owed(account, 'inv-old')]).toEqual([0, 400, 100]);
  });

  it('reopens the plan’s installments, the last paid first, after the invoices outside the plan', () => {
    const uncovered = issued('inv-later', 700, '2026-02-02', '2026-02-03');
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
    const paid = paymentReceived(5200, '2026-02-10', {
      allocations: [
        { invoiceId: 'inv-old', amount: 3000 },
        { invoiceId: 'inv-new', amount: 1500 },
        { invoiceId: 'inv-later', amount: 700 },
      ],
      installmentAllocations: [
        { installment: 1, amount: 4000 },
        { installment: 2, amount: 500 },
      ],
    });
    const installmentPaid = { type: 'InstallmentPaid' as const, data: { planId: 'plan-1', installment: 1, paymentId: 'pay-1' } };
    const event = reversed(1500, {
      allocations: [
        { invoiceId: 'inv-later', amount: 700 },
        { invoiceId: 'inv-new', amount: 800 },
      ],
      installmentAllocations: [
        { installment: 2, amount: 500 },
        { installment: 1, amount: 300 },
      ],
    });
    const given = [opened, older, newer, plan, uncovered, paid, installmentPaid];
    spec.given(given).when(reverse(1500)).then([event]);
    const installments = fold([...given, event]).activePlan?.installments.map(({ number, paid }) => ({ number, paid }));
    expect(installments).toEqual([
      { number: 1, paid: 3700 },
      { number: 2, paid: 0 },
    ]);
  });

  it('leaves a plan completed since as it is: its invoices are owed again, outside any plan', () => {
    const plan = planAgreed([{ invoiceId: 'inv-old', amount: 3000 }], [{ dueOn: '2026-03-01', amount: 3000 }]);
    const paid = paymentReceived(3000, '2026-02-10', {
      allocations: [{ invoiceId: 'inv-old', amount: 3000 }],
      installmentAllocations: [{ installment: 1, amount: 3000 }],
    });
    const completed = { type: 'PlanCompleted' as const, data: { planId: 'plan-1', paymentId: 'pay-1' } };
    spec
      .given([opened, older, plan, paid, completed])
      .when(reverse(3000))
      .then([reversed(3000, { allocations: [{ invoiceId: 'inv-old', amount: 3000 }] })]);
  });

  it('withdraws the early-payment discount of an invoice the payment no longer settles', () => {
    const discounted = issued('inv-1', 10000, '2026-02-01', '2026-03-01', { graceDays: 0, earlyPaymentDiscount: { percent: 2, withinDays: 10 } });
    const paid = paymentReceived(9800, '2026-02-11', { allocations: [{ invoiceId: 'inv-1', amount: 9800 }] });
    const discount = {
      type: 'EarlyPaymentDiscountApplied' as const,
      data: { invoiceId: 'inv-1', paymentId: 'pay-1', amount: 200, currency: 'USD', percent: 2 },
    };
    const event = reversed(1000, { allocations: [{ invoiceId: 'inv-1', amount: 1000 }], discountsWithdrawn: [{ invoiceId: 'inv-1', amount: 200 }] });
    spec.given([opened, discounted, paid, discount]).when(reverse(1000)).then([event]);
    expect(owed(fold([opened, discounted, paid, discount, event]), 'inv-1')).toBe(1200);
  });

  it('owes again what a payment in full had resolved', () => {
    const paidInFull = paymentReceived(3000, '2026-02-10', { allocations: [{ invoiceId: 'inv-old', amount: 3000 }] });
    expect(fold([opened, older, paidInFull]).resolution?.how).toBe('paid_in_full');
    const event = reversed(3000, { allocations: [{ invoiceId: 'inv-old', amount: 3000 }] });
    expect(fold([opened, older, paidInFull, event]).resolution).toBeNull();
  });

  it('changes nothing when the same reversal is told again', () => {
    const event = reversed(1000, { allocations: [{ invoiceId: 'inv-new', amount: 1000 }] });
    spec.given([opened, older, newer, paidBoth, event]).when(reverse(1000)).thenNothingHappened();
  });

  it.each([
    ['an unknown payment', [opened, older, paidBoth], reverse(100, { paymentId: 'pay-x' }), 'PAYMENT_NOT_FOUND'],
    ['more than the payment', [opened, older, paidBoth], reverse(4501), 'REVERSAL_EXCEEDS_PAYMENT'],
    [
      'more than is left of it after a reversal',
      [opened, older, paidBoth, reversed(4000, { allocations: [{ invoiceId: 'inv-old', amount: 4000 }] })],
      reverse(501, { reversalId: 're-2' }),
      'REVERSAL_EXCEEDS_PAYMENT',
    ],
    ['another currency', [opened, older, paidBoth], reverse(100, { currency: 'EUR' }), 'CURRENCY_MISMATCH'],
    ['a zero amount', [opened, older, paidBoth], reverse(0), 'INVALID_AMOUNT'],
    ['a day before the payment', [opened, older, paidBoth], reverse(100, { reversedOn: '2026-02-09' }), 'REVERSAL_BEFORE_PAYMENT'],
    ['a day after the debtor’s today', [opened, older, paidBoth], reverse(100, { reversedOn: '2026-03-02' }), 'REVERSAL_DATE_IN_FUTURE'],
    ['an impossible date', [opened, older, paidBoth], reverse(100, { reversedOn: '2026-02-31' }), 'INVALID_DATE'],
    ['an account that does not exist', [], reverse(100), 'ACCOUNT_NOT_FOUND'],
  ])('refuses %s', (_case, given, reversal, code) => {
    spec.given(given).when(reversal).thenThrows(code);
  });
});
