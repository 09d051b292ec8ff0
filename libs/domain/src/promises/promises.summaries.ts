import type { Summaries } from '../account/capability';
import { money, units } from '../account/summary-words';
import type { PromisesEvent } from './promises.events';

/** How each promises fact reads in the account's history: one line a person can read. */
export const promisesSummaries: Summaries<PromisesEvent> = {
  PromiseToPayMade: (event) => `Promise ${event.data.promiseId} to pay ${money(event.data)} by ${event.data.dueOn} (grace ${event.data.graceDays} days).`,
  PromiseKept: (event) => `Promise ${event.data.promiseId} kept (${units(event.data.paid)} paid).`,
  PromiseBroken: (event) => `Promise ${event.data.promiseId} broken: ${units(event.data.paid)} of ${units(event.data.amount)} paid.`,
};
