import { addDays, type IsoDate } from '../calendar/calendar';
import { openInvoicesOldestFirst, outstanding, type OpenedAccount } from '../account/account.state';
import type { PlanOfferPolicy } from './plan-offer-policy';

export interface PlanOffer {
  installmentCount: number;
  currency: string;
  installments: { dueOn: IsoDate; amount: number }[];
}

/**
 * The plans the policy offers for the account's whole open balance today: each count whose
 * installments are all at least the minimum, in installments as equal as whole minor units allow
 * (the first ones carry the remainder), so that they always add up exactly to the balance.
 */
export function planOffers(account: OpenedAccount, policy: PlanOfferPolicy, today: IsoDate): PlanOffer[] {
  const balance = openInvoicesOldestFirst(account).reduce((sum, invoice) => sum + outstanding(invoice), 0);
  if (balance <= 0 || !account.currency || account.activePlan || account.activeSettlement) return [];
  const currency = account.currency;
  return [...new Set(policy.installmentCounts)]
    .sort((a, b) => a - b)
    .flatMap((count) => {
      const amounts = splitEvenly(balance, count);
      if (Math.min(...amounts) < policy.minimumInstallment) return [];
      const first = addDays(today, policy.firstDueInDays);
      return [{ installmentCount: count, currency, installments: amounts.map((amount, i) => ({ dueOn: addDays(first, i * policy.intervalDays), amount })) }];
    });
}

/** `total` in `count` whole parts as equal as can be; the first ones carry the remainder, a unit each. */
export function splitEvenly(total: number, count: number): number[] {
  const base = Math.floor(total / count);
  const remainder = total - base * count;
  return Array.from({ length: count }, (_, i) => base + (i < remainder ? 1 : 0));
}
