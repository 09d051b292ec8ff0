import { accountCommand, type CommandDeclarations } from '../command-handling/account-command.declaration';
import { RecordPromiseRequest } from './promises.requests';

/** Promises to pay. Whether one was kept is the scheduler's to tell, once its grace has passed. */
export const promisesCommands: CommandDeclarations = {
  recordPromise: accountCommand({
    route: 'POST /accounts/:accountId/promises',
    roles: ['agent', 'supervisor'],
    summary: 'Record a promise to pay (PROMISE_GRACE_DAYS of grace)',
    status: 201,
    request: RecordPromiseRequest,
    command: ({ request: { promiseId, amount, currency, dueOn }, config }) => ({
      type: 'RecordPromiseToPay',
      data: { promiseId, amount, currency, dueOn, graceDays: config.promiseGraceDays },
    }),
  }),
};
