import type { PromisesCommand } from '@arrears/domain';
import { type CapabilityReach, http, scheduler } from '../command-handling/command-reach.fixtures';
import { config } from '../command-handling/command-producers.fixtures';

/** A request with every optional field set. */
const promise = { promiseId: 'promise-1', amount: 5000, currency: 'USD', dueOn: '2026-01-20' };

/** How each field of the promises commands is set from outside (see every-field-reachable.unit.spec.ts). */
export const promisesReach: CapabilityReach<PromisesCommand> = {
  RecordPromiseToPay: {
    fields: { promiseId: true, amount: true, currency: true, dueOn: true, graceDays: { setBy: 'PROMISE_GRACE_DAYS (config.promiseGraceDays)' } },
    made: [http('POST /accounts/:accountId/promises', promise)],
  },
  ResolvePromise: {
    fields: { promiseId: true },
    made: [scheduler([{ type: 'RecordPromiseToPay', data: { ...promise, graceDays: config.promiseGraceDays } }])],
  },
};
