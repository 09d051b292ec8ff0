import { addDays } from '../calendar/calendar';
import { entryOf, withEntry } from '../lookup/entry-of';
import type { Evolvers } from '../account/capability';
import type { OpenedAccount, PromiseState } from '../account/account.state';
import type { PromisesEvent } from './promises.events';

export const promisesEvolvers: Evolvers<PromisesEvent> = {
  PromiseToPayMade: (account, event) => {
    const { promiseId, amount, dueOn, graceDays, madeOn } = event.data;
    return { ...account, promises: { ...account.promises, [promiseId]: { promiseId, amount, dueOn, graceDays, madeOn, paid: 0, status: 'open' } } };
  },
  PromiseKept: (account, event) => withStatus(account, event.data.promiseId, 'kept'),
  PromiseBroken: (account, event) => withStatus(account, event.data.promiseId, 'broken'),
};

function withStatus(account: OpenedAccount, promiseId: string, status: PromiseState['status']): OpenedAccount {
  const promise = entryOf(account.promises, promiseId);
  if (!promise) return account;
  return { ...account, promises: { ...account.promises, [promise.promiseId]: { ...promise, status } } };
}

/**
 * Whether a payment received on `receivedOn` counts towards a promise: from the day it was made to its due date plus
 * grace, while not kept; a promise broken since counts too, since a payment recorded late may keep it after all.
 */
export const countsTowardPromise = (promise: PromiseState, receivedOn: string): boolean =>
  promise.status !== 'kept' && receivedOn >= promise.madeOn && receivedOn <= addDays(promise.dueOn, promise.graceDays);

/** Payments count towards a promise as `countsTowardPromise` says. */
export function promisesPaid(account: OpenedAccount, amount: number, receivedOn: string): OpenedAccount['promises'] {
  let promises = account.promises;
  for (const promise of Object.values(account.promises)) {
    if (countsTowardPromise(promise, receivedOn)) {
      promises = withEntry(promises, promise.promiseId, { ...promise, paid: promise.paid + amount });
    }
  }
  return promises;
}
