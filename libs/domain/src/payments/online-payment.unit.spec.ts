import { issued, opened, paymentReceived, planAgreed } from '../account/account.fixtures';
import { evolve } from '../account/account.evolve';
import type { AccountEvent } from '../account/account.events';
import { initialAccountState, type OpenedAccount } from '../account/account.state';
import { DomainError } from '../errors/domain-error';
import { dueNow, payableOnline, requirePayableOnline } from './online-payment';

const fold = (events: AccountEvent[]) => events.reduce(evolve, initialAccountState());
const codeOf = (check: () => unknown) => {
  try {
    check();
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : String(error);
  }
};
const owing = fold([
  opened,
  issued('inv-1', 3000, '2026-01-01', '2026-01-15'),
  paymentReceived(1000, '2026-02-01', { allocations: [{ invoiceId: 'inv-1', amount: 1000 }] }),
]);

describe('what a debtor may be asked to pay online', () => {
  it('is at most what the account owes, in its currency', () => {
    expect(codeOf(() => requirePayableOnline(owing, 2000, 'USD'))).toBeUndefined();
    expect(codeOf(() => requirePayableOnline(owing, 2001, 'USD'))).toBe('AMOUNT_EXCEEDS_BALANCE');
    expect(codeOf(() => requirePayableOnline(owing, 100, 'EUR'))).toBe('CURRENCY_MISMATCH');
    expect(codeOf(() => requirePayableOnline(owing, 0, 'USD'))).toBe('INVALID_AMOUNT');
  });

  it('is nothing on an account that owes nothing, or does not exist', () => {
    expect(codeOf(() => requirePayableOnline(fold([opened]), 100, 'USD'))).toBe('NOTHING_OWED');
    expect(codeOf(() => requirePayableOnline(initialAccountState(), 100, 'USD'))).toBe('ACCOUNT_NOT_FOUND');
  });

  it('is what is left of an agreed settlement, not the balance it settles: a debtor who paid part of it by cheque is asked the rest', () => {
    const settled = fold([
      opened,
      issued('inv-1', 1000, '2026-01-01', '2026-01-15'),
      { type: 'SettlementAgreed', data: { settlementId: 'set-1', amount: 600, currency: 'USD', dueOn: '2026-03-31', settles: 1000 } },
      paymentReceived(200, '2026-02-01', { allocations: [{ invoiceId: 'inv-1', amount: 200 }] }),
    ]) as OpenedAccount;
    expect(payableOnline(settled)).toBe(400);
    expect(dueNow(settled)).toBe(400);
    expect(codeOf(() => requirePayableOnline(settled, 400, 'USD'))).toBeUndefined();
    expect(codeOf(() => requirePayableOnline(settled, 401, 'USD'))).toBe('AMOUNT_EXCEEDS_BALANCE');
  });

  it('asks now for the rest of a plan’s next installment, and without a plan or a settlement for all that is owed', () => {
    const planned = fold([
      opened,
      issued('inv-1', 600, '2026-01-01', '2026-01-15'),
      planAgreed(
        [{ invoiceId: 'inv-1', amount: 600 }],
        [
          { dueOn: '2026-02-15', amount: 300 },
          { dueOn: '2026-03-15', amount: 300 },
        ],
      ),
      paymentReceived(100, '2026-02-10', { allocations: [{ invoiceId: 'inv-1', amount: 100 }], installmentAllocations: [{ installment: 1, amount: 100 }] }),
    ]) as OpenedAccount;
    expect(dueNow(planned)).toBe(200);
    expect(payableOnline(planned)).toBe(500);
    expect(dueNow(owing as OpenedAccount)).toBe(2000);
  });
});
