import { entryOf } from '../lookup/entry-of';
import type { BusinessTime, BusinessTimes } from '../account/capability';
import type { OpenedAccount } from '../account/account.state';
import type { PromisesEvent } from './promises.events';

/** A promise is kept or broken on its own date, whenever the scheduler gets to it. */
const onPromiseDate = (before: OpenedAccount | null, promiseId: string): BusinessTime => {
  const promise = before && entryOf(before.promises, promiseId);
  return promise ? { date: promise.dueOn } : 'command';
};

/** When each promises fact happened (see BusinessTime). */
export const promisesBusinessTimes: BusinessTimes<PromisesEvent> = {
  PromiseToPayMade: (event) => ({ date: event.data.madeOn }),
  PromiseKept: (event, before) => onPromiseDate(before, event.data.promiseId),
  PromiseBroken: (event, before) => onPromiseDate(before, event.data.promiseId),
};
