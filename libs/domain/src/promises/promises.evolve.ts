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

/** Payments count towards an open promise from the day it was made to its due date plus grace. */
export function promisesPaid(account: OpenedAccount, amount: number, receivedOn: string): OpenedAccount['promises'] {
  let promises = account.promises;
  for (const promise of Object.values(account.promises)) {
    if (promise.status === 'open' && receivedOn >= promise.madeOn && receivedOn <= addDays(promise.dueOn, promise.graceDays)) {
      promises = withEntry(promises, promise.promiseId, { ...promise, paid: promise.paid + amount });
    }
  }
  return promises;
}
