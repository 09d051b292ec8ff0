import { deciderSpecification } from '@arrears/testing';
import type { AccountEvent } from '../account/account.events';
import { accountDecider, command, issued, opened, paymentReceived } from '../account/account.fixtures';
import type { RecordPromiseToPay, ResolvePromise } from './promises.commands';
import type { RecordPayment } from '../payments/payments.commands';

const spec = deciderSpecification(accountDecider);
const billed = [opened, issued('inv-1', 50_000, '2026-01-01', '2026-01-31')];
const promise = (data: Partial<RecordPromiseToPay['data']> = {}, now = '2026-02-10T15:00:00Z') =>
  command<RecordPromiseToPay>('RecordPromiseToPay', { promiseId: 'pr-1', amount: 20_000, currency: 'USD', dueOn: '2026-02-20', graceDays: 2, ...data }, now);
const made: AccountEvent = {
  type: 'PromiseToPayMade',
  data: { promiseId: 'pr-1', amount: 20_000, currency: 'USD', dueOn: '2026-02-20', graceDays: 2, madeOn: '2026-02-10' },
};
const resolve = (now: string) => command<ResolvePromise>('ResolvePromise', { promiseId: 'pr-1' }, now);

describe('RecordPromiseToPay', () => {
  it('records the promise with its grace days and the day it was made', () => {
    spec.given(billed).when(promise()).then([made]);
  });
  it('refuses a second open promise, a reused id, a past date and more than is owed', () => {
    spec
      .given([...billed, made])
      .when(promise({ promiseId: 'pr-2' }))
      .thenThrows('PROMISE_ALREADY_OPEN', { promiseId: 'pr-1' });
    spec
      .given([...billed, made])
      .when(promise())
      .thenThrows('PROMISE_ALREADY_RECORDED');
    spec
      .given(billed)
      .when(promise({ dueOn: '2026-02-09' }))
      .thenThrows('PROMISE_DATE_IN_PAST');
    spec
      .given(billed)
      .when(promise({ amount: 50_001 }))
      .thenThrows('PROMISE_EXCEEDS_BALANCE', { balance: 50_000 });
    spec
      .given(billed)
      .when(promise({ currency: 'EUR' }))
      .thenThrows('CURRENCY_MISMATCH');
    spec
      .given(billed)
      .when(promise({ amount: 0 }))
      .thenThrows('INVALID_AMOUNT');
  });
  it('takes from 0 to 365 days of grace, and refuses any other count', () => {
    for (const graceDays of [0, 365])
      spec
        .given(billed)
        .when(promise({ graceDays }))
        .then([{ ...made, data: { ...made.data, graceDays } }]);
    // 3,000,000 days would end the grace in a five-digit year, which ISO dates compared as text put before today.
    for (const graceDays of [-1, 366, 1.5, 3_000_000]) spec.given(billed).when(promise({ graceDays })).thenThrows('INVALID_GRACE_DAYS', { field: 'graceDays' });
  });
});

describe('ResolvePromise', () => {
  it('is kept once payments since the promise reach its amount, even within grace', () => {
    spec
      .given([...billed, made, paymentReceived(20_000, '2026-02-22')])
      .when(resolve('2026-02-23T15:00:00Z'))
      .then([{ type: 'PromiseKept', data: { promiseId: 'pr-1', paid: 20_000 } }]);
  });
  it('is broken once due date plus grace has passed short, counting only payments in time', () => {
    const late = paymentReceived(15_000, '2026-02-23', { paymentId: 'pay-2' });
    spec
      .given([...billed, made, paymentReceived(5_000, '2026-02-15'), late])
      .when(resolve('2026-02-23T15:00:00Z'))
      .then([{ type: 'PromiseBroken', data: { promiseId: 'pr-1', amount: 20_000, paid: 5_000 } }]);
  });
  it('waits until the last day of grace has passed', () => {
    spec
      .given([...billed, made])
      .when(resolve('2026-02-22T20:00:00Z'))
      .thenThrows('PROMISE_NOT_DUE', { decidableOn: '2026-02-23' });
  });
  it('refuses an unknown or already resolved promise', () => {
    spec.given(billed).when(resolve('2026-02-23T15:00:00Z')).thenThrows('PROMISE_NOT_FOUND');
    spec
      .given([...billed, made, { type: 'PromiseBroken', data: { promiseId: 'pr-1', amount: 20_000, paid: 0 } }])
      .when(resolve('2026-02-24T15:00:00Z'))
      .thenThrows('PROMISE_ALREADY_RESOLVED');
  });
});

describe('a payment recorded after its promise was broken', () => {
  const broken: AccountEvent = { type: 'PromiseBroken', data: { promiseId: 'pr-1', amount: 20_000, paid: 5_000 } };
  const record = (amount: number, receivedOn: string) =>
    command<RecordPayment>('RecordPayment', { paymentId: 'pay-late', amount, currency: 'USD', receivedOn, method: 'card' }, '2026-02-26T15:00:00Z');
  it('keeps the promise after all when it was received within the promise’s days and makes up its amount', () => {
    spec
      .given([...billed, made, paymentReceived(5_000, '2026-02-15'), broken])
      .when(record(15_000, '2026-02-22'))
      .then([
        paymentReceived(15_000, '2026-02-22', { paymentId: 'pay-late', allocations: [{ invoiceId: 'inv-1', amount: 15_000 }] }),
        { type: 'PromiseKept', data: { promiseId: 'pr-1', paid: 20_000 } },
      ]);
  });
  it('leaves it broken when received after its last day of grace, or short of its amount', () => {
    const given = [...billed, made, paymentReceived(5_000, '2026-02-15'), broken];
    spec
      .given(given)
      .when(record(15_000, '2026-02-23'))
      .then([paymentReceived(15_000, '2026-02-23', { paymentId: 'pay-late', allocations: [{ invoiceId: 'inv-1', amount: 15_000 }] })]);
    spec
      .given(given)
      .when(record(14_999, '2026-02-22'))
      .then([paymentReceived(14_999, '2026-02-22', { paymentId: 'pay-late', allocations: [{ invoiceId: 'inv-1', amount: 14_999 }] })]);
  });
});
