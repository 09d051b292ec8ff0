import { deciderSpecification } from '@arrears/testing';
import type { AccountEvent } from '../account/account.events';
import { accountDecider, command, issued, opened, paymentReceived, planAgreed } from '../account/account.fixtures';
import type { AssessLateFee, IssueInvoice, MarkPaymentMissed } from './billing.commands';

const spec = deciderSpecification(accountDecider);
const issue = (data: Partial<IssueInvoice['data']> = {}) =>
  command<IssueInvoice>('IssueInvoice', {
    invoiceId: 'inv-1',
    amount: 12500,
    currency: 'USD',
    issuedOn: '2026-01-01',
    dueOn: '2026-01-31',
    ...data,
  });
const missed = (now: string, invoiceId = 'inv-1') => command<MarkPaymentMissed>('MarkPaymentMissed', { invoiceId }, now);
const lateFee = (now: string, invoiceId = 'inv-1') => command<AssessLateFee>('AssessLateFee', { invoiceId }, now);
const withGrace = issued('inv-1', 12500, '2026-01-01', '2026-01-31', {
  graceDays: 5,
  lateFee: { type: 'flat', amount: 1500 },
});
const paidInFull = paymentReceived(12500, '2026-01-20', { allocations: [{ invoiceId: 'inv-1', amount: 12500 }] });
const plan = planAgreed([{ invoiceId: 'inv-1', amount: 12500 }], [{ dueOn: '2026-03-01', amount: 12500 }]);

describe('IssueInvoice', () => {
  it('issues a backdated invoice with default terms', () => {
    spec
      .given([opened])
      .when(issue())
      .then([issued('inv-1', 12500, '2026-01-01', '2026-01-31')]);
  });
  it('takes a year of grace and a discount for ten years, the most terms may give', () => {
    const terms = { graceDays: 365, earlyPaymentDiscount: { percent: 2, withinDays: 3650 } };
    spec
      .given([opened])
      .when(issue({ terms }))
      .then([issued('inv-1', 12500, '2026-01-01', '2026-01-31', terms)]);
  });
  it('uses credit left by an overpayment', () => {
    const credit: AccountEvent = { ...paidInFull, data: { ...paidInFull.data, allocations: [], credited: 3000 } };
    spec
      .given([opened, credit])
      .when(issue())
      .then([issued('inv-1', 12500, '2026-01-01', '2026-01-31'), { type: 'CreditApplied', data: { invoiceId: 'inv-1', amount: 3000, currency: 'USD' } }]);
  });
  it.each([
    ['a duplicate invoice id', [opened, issued('inv-1', 1, '2026-01-01', '2026-01-02')], {}, 'INVOICE_ALREADY_ISSUED'],
    ['a zero amount', [opened], { amount: 0 }, 'INVALID_AMOUNT'],
    ['a fractional amount', [opened], { amount: 10.5 }, 'INVALID_AMOUNT'],
    ['a negative amount', [opened], { amount: -12500 }, 'INVALID_AMOUNT'],
    ['an unknown currency', [opened], { currency: 'XYZ' }, 'UNKNOWN_CURRENCY'],
    ['a second currency', [opened, issued('inv-0', 1, '2026-01-01', '2026-01-02')], { currency: 'EUR' }, 'CURRENCY_MISMATCH'],
    ['an impossible date', [opened], { dueOn: '2026-02-30' }, 'INVALID_DATE'],
    ['a due date before the issue date', [opened], { dueOn: '2025-12-31' }, 'INVOICE_DUE_BEFORE_ISSUE'],
    ['a closed account', [opened, { type: 'AccountClosed' as const, data: { closedOn: '2026-01-01' } }], {}, 'ACCOUNT_CLOSED'],
    ['an account that does not exist', [], {}, 'ACCOUNT_NOT_FOUND'],
  ])('refuses %s', (_case, given, data, code) => {
    spec.given(given).when(issue(data)).thenThrows(code);
  });
  it.each([
    ['negative grace days', { graceDays: -1 }, 'terms.graceDays'],
    ['more than a year of grace', { graceDays: 366 }, 'terms.graceDays'],
    ['a discount for more than ten years', { graceDays: 0, earlyPaymentDiscount: { percent: 2, withinDays: 3651 } }, 'terms.earlyPaymentDiscount.withinDays'],
    ['a late fee over 100%', { graceDays: 0, lateFee: { type: 'percent' as const, percent: 150 } }, 'terms.lateFee.percent'],
    ['a discount of 100%', { graceDays: 0, earlyPaymentDiscount: { percent: 100, withinDays: 10 } }, 'terms.earlyPaymentDiscount.percent'],
    // Rounded to four places, as every percentage is reckoned, 99.99999 would take the whole invoice off for a cent.
    ['a discount of five decimals', { graceDays: 0, earlyPaymentDiscount: { percent: 99.99999, withinDays: 10 } }, 'terms.earlyPaymentDiscount.percent'],
    ['a late fee of five decimals', { graceDays: 0, lateFee: { type: 'percent' as const, percent: 0.00001 } }, 'terms.lateFee.percent'],
  ])('refuses terms with %s, naming the field', (_case, terms, field) => {
    spec.given([opened]).when(issue({ terms })).thenThrows('INVALID_TERMS', { field });
  });
});

describe('MarkPaymentMissed', () => {
  // Due Jan 31 + 5 grace days: Feb 5 is the last day of grace, in the debtor's zone (New York).
  it('marks an unpaid invoice missed the day after the grace period', () => {
    spec
      .given([opened, withGrace])
      .when(missed('2026-02-06T05:00:00Z'))
      .then([
        {
          type: 'PaymentMissed',
          data: { invoiceId: 'inv-1', dueOn: '2026-01-31', overdueAmount: 12500, currency: 'USD', missedOn: '2026-02-06' },
        },
      ]);
  });
  it('refuses on the last day of grace, even when it is already the next day in UTC', () => {
    spec.given([opened, withGrace]).when(missed('2026-02-06T04:59:00Z')).thenThrows('INVOICE_NOT_OVERDUE', { overdueFrom: '2026-02-06' });
  });
  it('refuses a second time for the same invoice', () => {
    const first = accountDecider.decide(missed('2026-02-10T12:00:00Z'), [opened, withGrace].reduce(accountDecider.evolve, accountDecider.initialState()));
    spec
      .given([opened, withGrace, ...first])
      .when(missed('2026-02-11T12:00:00Z'))
      .thenThrows('PAYMENT_ALREADY_MISSED');
  });
  it('refuses for a paid invoice', () => {
    spec.given([opened, withGrace, paidInFull]).when(missed('2026-02-10T12:00:00Z')).thenThrows('INVOICE_ALREADY_PAID');
  });
  it('refuses for an invoice under a payment plan', () => {
    spec.given([opened, withGrace, plan]).when(missed('2026-02-10T12:00:00Z')).thenThrows('INVOICE_UNDER_PLAN');
  });
  it('refuses for an unknown invoice', () => {
    spec.given([opened, withGrace]).when(missed('2026-02-10T12:00:00Z', 'inv-9')).thenThrows('INVOICE_NOT_FOUND');
  });
  it('refuses on a closed account, and on one that does not exist', () => {
    const closed: AccountEvent = { type: 'AccountClosed', data: { closedOn: '2026-02-01' } };
    spec.given([opened, withGrace, closed]).when(missed('2026-02-10T12:00:00Z')).thenThrows('ACCOUNT_CLOSED');
    spec.given([]).when(missed('2026-02-10T12:00:00Z')).thenThrows('ACCOUNT_NOT_FOUND');
  });
});

describe('AssessLateFee', () => {
  it('assesses the flat fee of the invoice terms', () => {
    spec
      .given([opened, withGrace])
      .when(lateFee('2026-02-10T12:00:00Z'))
      .then([
        {
          type: 'LateFeeAssessed',
          data: { invoiceId: 'inv-1', amount: 1500, currency: 'USD', assessedOn: '2026-02-10', rule: { type: 'flat', amount: 1500 } },
        },
      ]);
  });
  it('assesses a percentage of what is still owed, rounded half to even', () => {
    const rule = { type: 'percent' as const, percent: 1.5 };
    // 1.5% of 12,300 = 184.5 → 184 (half to even).
    const partlyPaid: AccountEvent = {
      ...paidInFull,
      data: { ...paidInFull.data, amount: 200, allocations: [{ invoiceId: 'inv-1', amount: 200 }] },
    };
    spec
      .given([opened, issued('inv-1', 12500, '2026-01-01', '2026-01-31', { graceDays: 0, lateFee: rule }), partlyPaid])
      .when(lateFee('2026-02-10T12:00:00Z'))
      .then([{ type: 'LateFeeAssessed', data: { invoiceId: 'inv-1', amount: 184, currency: 'USD', assessedOn: '2026-02-10', rule } }]);
  });
  it('refuses a second fee on the same invoice', () => {
    const fee: AccountEvent = {
      type: 'LateFeeAssessed',
      data: { invoiceId: 'inv-1', amount: 1500, currency: 'USD', assessedOn: '2026-02-10', rule: { type: 'flat', amount: 1500 } },
    };
    spec.given([opened, withGrace, fee]).when(lateFee('2026-02-11T12:00:00Z')).thenThrows('LATE_FEE_ALREADY_ASSESSED');
  });
  it('refuses when the invoice has no late-fee terms', () => {
    spec
      .given([opened, issued('inv-1', 12500, '2026-01-01', '2026-01-31')])
      .when(lateFee('2026-02-10T12:00:00Z'))
      .thenThrows('NO_LATE_FEE_TERMS');
  });
  it('refuses before the grace period ends', () => {
    spec.given([opened, withGrace]).when(lateFee('2026-02-03T12:00:00Z')).thenThrows('INVOICE_NOT_OVERDUE');
  });
  it('refuses for a paid invoice, and for one under a plan', () => {
    spec.given([opened, withGrace, paidInFull]).when(lateFee('2026-02-10T12:00:00Z')).thenThrows('INVOICE_ALREADY_PAID');
    spec.given([opened, withGrace, plan]).when(lateFee('2026-02-10T12:00:00Z')).thenThrows('INVOICE_UNDER_PLAN');
  });
  it('refuses for an unknown invoice', () => {
    spec.given([opened, withGrace]).when(lateFee('2026-02-10T12:00:00Z', 'inv-9')).thenThrows('INVOICE_NOT_FOUND');
  });
  it('refuses when a percentage fee rounds to nothing', () => {
    const tiny = issued('inv-1', 10, '2026-01-01', '2026-01-31', { graceDays: 0, lateFee: { type: 'percent', percent: 1 } });
    spec.given([opened, tiny]).when(lateFee('2026-02-10T12:00:00Z')).thenThrows('LATE_FEE_ROUNDS_TO_ZERO');
  });
});
