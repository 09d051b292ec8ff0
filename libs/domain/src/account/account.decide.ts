import { accountsDecisions } from '../accounts/accounts.decide';
import { billingDecisions } from '../billing/billing.decide';
import { creditDecisions } from '../credit/credit.decide';
import { disputesDecisions } from '../disputes/disputes.decide';
import { interactionsDecisions } from '../interactions/interactions.decide';
import { paymentsDecisions } from '../payments/payments.decide';
import { plansDecisions } from '../plans/plans.decide';
import { portalDecisions } from '../portal/portal.decide';
import { promisesDecisions } from '../promises/promises.decide';
import { resolutionsDecisions } from '../resolutions/resolutions.decide';
import { restrictionsDecisions } from '../restrictions/restrictions.decide';
import { timelineDecisions } from '../timeline/timeline.decide';
import { worklistDecisions } from '../worklist/worklist.decide';
import type { AccountCommand } from './account.commands';
import type { AccountEvent } from './account.events';
import type { AccountState } from './account.state';
import { unhandled, type Decisions } from './capability';

type Decision = (command: AccountCommand, state: AccountState) => AccountEvent[];

/** Each command type, decided by the capability that declares it. */
const decisions: Decisions<AccountCommand> = {
  ...accountsDecisions,
  ...billingDecisions,
  ...paymentsDecisions,
  ...plansDecisions,
  ...promisesDecisions,
  ...disputesDecisions,
  ...restrictionsDecisions,
  ...interactionsDecisions,
  ...resolutionsDecisions,
  ...worklistDecisions,
  ...timelineDecisions,
  ...portalDecisions,
  ...creditDecisions,
};
// A Map, so that no inherited key ("toString") answers a command type. Each entry decides exactly its
// own type, as `Decisions` checks above.
const decisionFor = new Map(Object.entries(decisions) as [AccountCommand['type'], Decision][]);

/**
 * The account decider: which events a command produces given the current state, or a DomainError.
 * Exhaustive: a command type no capability decides fails to compile.
 */
export function decide(command: AccountCommand, state: AccountState): AccountEvent[] {
  const decision = decisionFor.get(command.type);
  return decision ? decision(command, state) : unhandled(command);
}
