import { ruleBroken } from '../errors/domain-error';
import { requireAmount, requireCurrency, requireOpen } from '../account/account.guards';
import { totalOutstanding, type AccountState, type OpenedAccount } from '../account/account.state';

/**
 * What a debtor may be asked to pay online: what the account owes, less its unspent credit, in the
 * account's currency — never more, so a payment link cannot make an overpayment. Refused with the
 * domain's own codes (ACCOUNT_NOT_FOUND, ACCOUNT_CLOSED, INVALID_AMOUNT, CURRENCY_MISMATCH, NOTHING_OWED,
 * AMOUNT_EXCEEDS_BALANCE), the same for an agent's payment link and the debtor's portal.
 */
export function requirePayableOnline(state: AccountState, amount: number, currency: string): OpenedAccount {
  const account = requireOpen(state);
  requireAmount(amount);
  requireCurrency(account, currency);
  const owed = payableOnline(account);
  if (owed <= 0) throw ruleBroken('NOTHING_OWED', 'The account owes nothing to pay.', { owed: 0 });
  if (amount > owed) throw ruleBroken('AMOUNT_EXCEEDS_BALANCE', `At most ${owed} minor units are owed.`, { field: 'amount', owed });
  return account;
}

/** What the account owes now, less its unspent credit: the most a payment link asks for. */
export const payableOnline = (account: OpenedAccount): number => Math.max(0, totalOutstanding(account) - account.credit);
