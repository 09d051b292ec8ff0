import { eventTypesOf } from '../account/event-types';
import type { IsoDate } from '../calendar/calendar';

/** The debtor promised to pay `amount` by `dueOn`; payments up to `graceDays` later still count. */
export interface PromiseToPayMade {
  type: 'PromiseToPayMade';
  data: { promiseId: string; amount: number; currency: string; dueOn: IsoDate; graceDays: number; madeOn: IsoDate };
}
export interface PromiseKept {
  type: 'PromiseKept';
  data: { promiseId: string; paid: number };
}
export interface PromiseBroken {
  type: 'PromiseBroken';
  data: { promiseId: string; amount: number; paid: number };
}

/** The promises part of the account's events. */
export type PromisesEvent = PromiseToPayMade | PromiseKept | PromiseBroken;

/** Every promises event type. */
export const promisesEventTypes = eventTypesOf<PromisesEvent>()(['PromiseToPayMade', 'PromiseKept', 'PromiseBroken']);
