import fc from 'fast-check';
import type { AccountEvent } from '../account/account.events';
import { evolve } from '../account/account.evolve';
import { issued, opened, paymentReceived } from '../account/account.fixtures';
import { initialAccountState, type OpenedAccount } from '../account/account.state';
import { itemizationOf } from './itemization';

const after = (events: AccountEvent[]) => events.reduce(evolve, initialAccountState()) as OpenedAccount;
const fee = { type: 'flat' as const, amount: 2_500 };

// 1006.34(c)(2)(vi)–(viii): the itemization date, the amount then, and interest, fees, payments and credits since.
describe('the itemization of the debt', () => {
  it('dates it by the statement that billed the earliest open invoice, and itemizes fees, payments and credits since', () => {
    const events: AccountEvent[] = [
      opened,
      issued('inv-paid', 10_000, '2025-12-01', '2025-12-31'),
      paymentReceived(10_000, '2025-12-20', { paymentId: 'pay-0', allocations: [{ invoiceId: 'inv-paid', amount: 10_000 }] }),
      issued('inv-1', 40_000, '2026-01-01', '2026-01-31', { graceDays: 5, lateFee: fee }),
      { type: 'LateFeeAssessed', data: { invoiceId: 'inv-1', amount: 2_500, currency: 'USD', assessedOn: '2026-02-06', rule: fee } },
      paymentReceived(5_000, '2026-02-10', { paymentId: 'pay-1', allocations: [{ invoiceId: 'inv-1', amount: 5_000 }] }),
      { type: 'EarlyPaymentDiscountApplied', data: { invoiceId: 'inv-1', paymentId: 'pay-1', amount: 1_000, currency: 'USD', percent: 2.5 } },
    ];
    expect(itemizationOf(after(events))).toEqual({
      itemizationDate: '2026-01-01',
      amountOnItemizationDate: 40_000,
      interest: 0,
      fees: 2_500,
      payments: 5_000,
      credits: 1_000,
      currentAmount: 36_500,
      currency: 'USD',
    });
  });

  it('is none when nothing is owed', () => {
    expect(itemizationOf(after([opened]))).toBeNull();
  });

  it('always adds up: amount then + interest + fees − payments − credits = current amount', () => {
    const invoices = fc.array(fc.record({ amount: fc.integer({ min: 1, max: 1_000_000 }), paidShare: fc.double({ min: 0, max: 0.99, noNaN: true }) }), {
      minLength: 1,
      maxLength: 5,
    });
    fc.assert(
      fc.property(invoices, (drawn) => {
        const events: AccountEvent[] = [opened];
        drawn.forEach(({ amount, paidShare }, index) => {
          const id = `inv-${index}`;
          events.push(issued(id, amount, `2026-01-0${index + 1}`, `2026-02-0${index + 1}`));
          const paid = Math.floor(amount * paidShare);
          if (paid > 0) events.push(paymentReceived(paid, '2026-02-15', { paymentId: `pay-${index}`, allocations: [{ invoiceId: id, amount: paid }] }));
        });
        const item = itemizationOf(after(events));
        expect(item).not.toBeNull();
        if (!item) return;
        expect(item.amountOnItemizationDate + item.interest + item.fees - item.payments - item.credits).toBe(item.currentAmount);
      }),
    );
  });
});
