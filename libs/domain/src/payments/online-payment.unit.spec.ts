import { issued, opened, paymentReceived } from '../account/account.fixtures';
import { evolve } from '../account/account.evolve';
import type { AccountEvent } from '../account/account.events';
import { initialAccountState } from '../account/account.state';
import { DomainError } from '../errors/domain-error';
import { requirePayableOnline } from './online-payment';

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
});
