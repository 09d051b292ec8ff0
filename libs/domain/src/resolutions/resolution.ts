import type { IsoDate } from '../calendar/calendar';
import { paidDays, totalOutstanding, type OpenedAccount, type ResolutionKind } from '../account/account.state';

/**
 * The account resolved by `how` on `on`, if that left nothing owed; as it was otherwise. A write-off or
 * an upheld dispute also leaves nothing owed, but resolves nothing the debtor should be thanked for.
 */
export function resolvedBy(account: OpenedAccount, how: ResolutionKind, on: IsoDate | null): OpenedAccount {
  if (!on || totalOutstanding(account) > 0) return account;
  return { ...account, resolution: { how, resolvedOn: on, confirmed: false } };
}

/** The day of the latest payment towards any invoice, or null before any. */
export function latestPaidOn(account: OpenedAccount): IsoDate | null {
  const days = Object.values(account.invoices).flatMap(paidDays);
  return days.length ? days.reduce((latest, day) => (day > latest ? day : latest)) : null;
}

/**
 * The medium a confirmation goes by: e-mail when the debtor has an address and has not blocked it,
 * else a letter unless blocked too; null when neither may be used, or nobody is left to write to.
 */
export function confirmationChannel(account: OpenedAccount): 'email' | 'letter' | null {
  const { debtor, restrictions } = account;
  if (debtor.personalDataErased) return null;
  if (debtor.email && !restrictions.blockedChannels.includes('email')) return 'email';
  return restrictions.blockedChannels.includes('letter') ? null : 'letter';
}

/**
 * Whether a resolution waits for its confirmation: once per resolution, and under a cease request
 * (1006.6(c)) only where the debtor asked for one. (The medium is checked again when it is sent: the
 * debtor's e-mail address may not be readable where this is asked.)
 */
export function confirmationDue(account: OpenedAccount): boolean {
  const { resolution, restrictions, debtor } = account;
  if (!resolution || resolution.confirmed || debtor.personalDataErased) return false;
  if (restrictions.ceaseRequested && !account.resolutionConfirmationRequested) return false;
  return !(restrictions.blockedChannels.includes('email') && restrictions.blockedChannels.includes('letter'));
}
