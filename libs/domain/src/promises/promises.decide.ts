import { entryOf } from '../lookup/entry-of';
import { addDays } from '../calendar/calendar';
import { conflict, notFound, ruleBroken } from '../errors/domain-error';
import { isDayCount, maxGraceDays, requireAmount, requireCurrency, requireDate, requireOpen, todayFor } from '../account/account.guards';
import { openPromise, totalOutstanding, type AccountState } from '../account/account.state';
import type { Decisions } from '../account/capability';
import type { RecordPromiseToPay, ResolvePromise, PromisesCommand } from './promises.commands';
import type { PromiseBroken, PromiseKept, PromiseToPayMade } from './promises.events';

/** The debtor promises to pay an amount, no more than they owe, by a date not yet past; one promise at a time. */
export function recordPromiseToPay(command: RecordPromiseToPay, state: AccountState): [PromiseToPayMade] {
  const account = requireOpen(state);
  const { promiseId, amount, currency, dueOn, graceDays } = command.data;
  if (entryOf(account.promises, promiseId))
    throw conflict('PROMISE_ALREADY_RECORDED', `Promise ${promiseId} already exists on this account.`, { id: promiseId });
  const open = openPromise(account);
  if (open)
    throw conflict('PROMISE_ALREADY_OPEN', `Promise ${open.promiseId} is still open, due ${open.dueOn}.`, { promiseId: open.promiseId, dueOn: open.dueOn });
  requireAmount(amount);
  requireCurrency(account, currency);
  requireDate(dueOn, 'dueOn');
  if (!isDayCount(graceDays, maxGraceDays)) {
    throw ruleBroken('INVALID_GRACE_DAYS', `graceDays must be a whole number from 0 to ${maxGraceDays}.`, { field: 'graceDays' });
  }
  const today = todayFor(account, command.now);
  if (dueOn < today) throw ruleBroken('PROMISE_DATE_IN_PAST', `dueOn ${dueOn} is before today (${today}).`, { dueOn, today });
  const balance = totalOutstanding(account);
  if (amount > balance)
    throw ruleBroken('PROMISE_EXCEEDS_BALANCE', `The promise of ${amount} is more than the ${balance} owed.`, { amount, balance, currency });
  return [{ type: 'PromiseToPayMade', data: { promiseId, amount, currency, dueOn, graceDays, madeOn: today } }];
}

/** Kept once the payments since the promise reach its amount; broken when its date plus grace has passed short. */
export function resolvePromise(command: ResolvePromise, state: AccountState): [PromiseKept | PromiseBroken] {
  const account = requireOpen(state);
  const promise = entryOf(account.promises, command.data.promiseId);
  if (!promise) throw notFound('PROMISE_NOT_FOUND', `Promise ${command.data.promiseId} does not exist on this account.`, { promiseId: command.data.promiseId });
  if (promise.status !== 'open') throw conflict('PROMISE_ALREADY_RESOLVED', `Promise ${promise.promiseId} was ${promise.status}.`, { status: promise.status });
  const { promiseId, amount, paid } = promise;
  if (paid >= amount) return [{ type: 'PromiseKept', data: { promiseId, paid } }];
  const lastDay = addDays(promise.dueOn, promise.graceDays);
  if (todayFor(account, command.now) <= lastDay) {
    throw ruleBroken('PROMISE_NOT_DUE', `Promise ${promiseId} can still be kept until ${lastDay}.`, { decidableOn: addDays(lastDay, 1), paid, amount });
  }
  return [{ type: 'PromiseBroken', data: { promiseId, amount, paid } }];
}

export const promisesDecisions: Decisions<PromisesCommand> = {
  RecordPromiseToPay: recordPromiseToPay,
  ResolvePromise: resolvePromise,
};
