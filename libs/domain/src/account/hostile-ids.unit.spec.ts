import { deciderSpecification } from '@arrears/testing';
import type { IssueInvoice } from '../billing/billing.commands';
import type { RaiseDispute } from '../disputes/disputes.commands';
import type { RecordPayment } from '../payments/payments.commands';
import type { RecordPromiseToPay } from '../promises/promises.commands';
import type { PlaceHold } from '../restrictions/restrictions.commands';
import { regulationFEverywhere } from '../compliance/contact-policy';
import type { AccountEvent } from './account.events';
import { accountDecider, command, issued, opened, paymentReceived } from './account.fixtures';

const spec = deciderSpecification(accountDecider);
const inheritedNames = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
const max = Number.MAX_SAFE_INTEGER;

const issue = (invoiceId: string, amount = 12500) =>
  command<IssueInvoice>('IssueInvoice', { invoiceId, amount, currency: 'USD', issuedOn: '2026-01-01', dueOn: '2026-01-31' });
const pay = (paymentId: string, amount = 100) =>
  command<RecordPayment>('RecordPayment', { paymentId, amount, currency: 'USD', receivedOn: '2026-02-10', method: 'card' });

/** Ids are the client's: a name Object.prototype also has is an id like any other. */
describe.each(inheritedNames)('the id %s', (id) => {
  it('is a new invoice the first time, and a duplicate the second', () => {
    spec
      .given([opened])
      .when(issue(id))
      .then([issued(id, 12500, '2026-01-01', '2026-01-31')]);
    spec
      .given([opened, issued(id, 12500, '2026-01-01', '2026-01-31')])
      .when(issue(id))
      .thenThrows('INVOICE_ALREADY_ISSUED');
  });
  it('is an invoice that does not exist until issued', () => {
    spec
      .given([opened])
      .when(command('MarkPaymentMissed', { invoiceId: id }))
      .thenThrows('INVOICE_NOT_FOUND');
  });
  it('is a new payment, promise, dispute and hold', () => {
    const given: AccountEvent[] = [opened, issued('inv-1', 12500, '2026-01-01', '2026-01-31')];
    expect(accountDecider.decide(pay(id), given.reduce(accountDecider.evolve, accountDecider.initialState()))[0]?.type).toBe('PaymentReceived');
    const after = [...given, paymentReceived(100, '2026-02-10', { paymentId: id, allocations: [{ invoiceId: 'inv-1', amount: 100 }] })];
    spec.given(after).when(pay(id)).thenThrows('PAYMENT_ALREADY_RECORDED');
    const state = after.reduce(accountDecider.evolve, accountDecider.initialState());
    const types = [
      command<RecordPromiseToPay>('RecordPromiseToPay', { promiseId: id, amount: 1000, currency: 'USD', dueOn: '2026-03-10', graceDays: 2 }),
      command<RaiseDispute>('RaiseDispute', { disputeId: id, reason: 'not mine', policies: regulationFEverywhere }),
      command<PlaceHold>('PlaceHold', { holdId: id, reason: 'hardship', until: '2026-04-01' }),
    ].map((next) => accountDecider.decide(next, state)[0]?.type);
    expect(types).toEqual(['PromiseToPayMade', 'DisputeRaised', 'HoldPlaced']);
  });
  it('folds into state as an own entry, leaving the prototype alone', () => {
    const state = [opened, issued(id, 12500, '2026-01-01', '2026-01-31')].reduce(accountDecider.evolve, accountDecider.initialState());
    if (state.status !== 'open') throw new Error('not open');
    expect(Object.hasOwn(state.invoices, id)).toBe(true);
    expect(Object.getPrototypeOf(state.invoices)).toBe(Object.prototype);
  });
});

/** Balances stay exact: a command that would take a running total past 2^53 − 1 is refused (422). */
describe('amounts past 2^53', () => {
  const big = issued('inv-big', max, '2026-01-01', '2026-01-31');
  it('refuses an invoice that would take the balance past the exact range', () => {
    spec.given([opened, big]).when(issue('inv-2', 2)).thenThrows('AMOUNT_TOO_LARGE');
  });
  it('accepts one that reaches it exactly', () => {
    spec
      .given([opened, issued('inv-0', max - 2, '2026-01-01', '2026-01-31')])
      .when(issue('inv-2', 2))
      .then([issued('inv-2', 2, '2026-01-01', '2026-01-31')]);
  });
  it('refuses a payment whose leftover credit would leave the exact range', () => {
    const credited = paymentReceived(max, '2026-02-10', { paymentId: 'pay-0', allocations: [], credited: max });
    spec.given([opened, credited]).when(pay('pay-1', 5)).thenThrows('AMOUNT_TOO_LARGE');
  });
});

/** Untyped input (a stored event, a request from a newer client) must not reach an inherited function. */
describe.each(inheritedNames)('the type %s', (type) => {
  const state = [opened].reduce(accountDecider.evolve, accountDecider.initialState());
  it('is no command the account decides', () => {
    expect(() => accountDecider.decide({ type, data: {}, now: '2026-02-10T12:00:00Z' } as never, state)).toThrow('Unhandled case');
  });
  it('is no event the account folds', () => {
    expect(() => accountDecider.evolve(state, { type, data: {} } as never)).toThrow('Unhandled case');
  });
});
