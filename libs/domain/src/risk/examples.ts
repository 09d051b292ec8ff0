import { addDays, type IsoDate } from '../calendar/calendar';
import type { OpenedAccount } from '../account/account.state';
import { sharedEntries } from '../lookup/shared-registry';
import { behaviourFeatures, overdueBalance } from './behaviour-features';
import type { TrainingExample } from './training';

/** The question a score answers: did the account pay `targetShare` of what was overdue within `horizonDays`? */
export interface ScoreTarget {
  horizonDays: number;
  targetShare: number;
}

/**
 * What an account teaches the score: on each cutoff where it had something overdue, its features as
 * they stood that day (`asAt`: the account folded from the facts dated by then) and whether the
 * payments received in the `horizonDays` after it (by their receipt date, in the account as it stands
 * now, `today`) came to `targetShare` of that overdue balance. The caller keeps the cutoffs early
 * enough that every horizon has been lived.
 */
export function examplesOf(
  today: OpenedAccount,
  asAt: (cutoff: IsoDate) => OpenedAccount | null,
  cutoffs: readonly IsoDate[],
  { horizonDays, targetShare }: ScoreTarget,
): TrainingExample[] {
  const payments = sharedEntries(today.payments).map(([, payment]) => payment);
  return cutoffs.flatMap((cutoff) => {
    const account = asAt(cutoff);
    if (!account || account.status !== 'open') return [];
    const overdue = overdueBalance(account, cutoff);
    if (overdue <= 0) return [];
    const until = addDays(cutoff, horizonDays);
    const received = payments
      .filter((payment) => payment.receivedOn > cutoff && payment.receivedOn <= until)
      .reduce((sum, payment) => sum + payment.amount - payment.reversed, 0);
    return [{ accountId: today.accountId, cutoff, features: behaviourFeatures(account, cutoff), paid: received >= targetShare * overdue }];
  });
}

/** Every `everyDays`-th day from `from` to `to`, both included when they fall on the step. */
export function cutoffsBetween(from: IsoDate, to: IsoDate, everyDays: number): IsoDate[] {
  const cutoffs: IsoDate[] = [];
  for (let cutoff = from; cutoff <= to; cutoff = addDays(cutoff, everyDays)) cutoffs.push(cutoff);
  return cutoffs;
}
