import { accountsCommands } from './accounts/accounts.commands';
import { billingCommands } from './billing/billing.commands';
import type { CommandDeclarations } from './command-handling/account-command.declaration';
import { creditCommands } from './credit/credit.commands';
import { disputesCommands } from './disputes/disputes.commands';
import { interactionsCommands } from './interactions/interactions.commands';
import { paymentsCommands } from './payments/payments.commands';
import { plansCommands } from './plans/plans.commands';
import { portalCommands } from './portal/portal.commands';
import { promisesCommands } from './promises/promises.commands';
import { resolutionsCommands } from './resolutions/resolutions.commands';
import { restrictionsCommands } from './restrictions/restrictions.commands';
import { worklistCommands } from './worklist/worklist.commands';

/** Every account command the API takes, by capability: the routes and the access matrix are made from them. */
export const accountCommands: Readonly<Record<string, CommandDeclarations>> = {
  accounts: accountsCommands,
  billing: billingCommands,
  payments: paymentsCommands,
  plans: plansCommands,
  promises: promisesCommands,
  disputes: disputesCommands,
  restrictions: restrictionsCommands,
  interactions: interactionsCommands,
  resolutions: resolutionsCommands,
  worklist: worklistCommands,
  portal: portalCommands,
  credit: creditCommands,
};

/** Each declaration once, whatever its capability. */
export const everyAccountCommand = Object.values(accountCommands).flatMap((declarations) => Object.values(declarations));
