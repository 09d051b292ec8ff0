import { ruleBroken } from '../errors/domain-error';
import { requireAmount, requireCurrency, requireOpen } from '../account/account.guards';
import { settlementLeft, totalOutstanding, type AccountState, type OpenedAccount } from '../account/account.state';

/**
 * What a debtor may be asked to pay online: at most `payableOnline`, in the account's currency — never
 * more, so a payment link cannot make an overpayment. Refused with the
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

/**
 * The most a payment link asks for: what the account owes now, less its unspent credit; while a
 * settlement is agreed, what is left of it, since nothing more is owed under the agreement (the rest is
 * written off once it is paid). Asking for more would misstate the debt (12 CFR 1006.18(b)(2)(i)).
 */
export function payableOnline(account: OpenedAccount): number {
  const owed = Math.max(0, totalOutstanding(account) - account.credit);
  const settlement = account.activeSettlement;
  return settlement ? Math.min(owed, settlementLeft(settlement)) : owed;
}

/** What the debtor is asked to pay now: the rest of a plan's next installment, else all a payment link may ask. */
export function dueNow(account: OpenedAccount): number {
  const next = account.activePlan?.installments.find((installment) => installment.paid < installment.amount);
  return Math.min(next ? next.amount - next.paid : Infinity, payableOnline(account));
}
