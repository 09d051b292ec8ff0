import { portalEvolvers } from '../portal/portal.evolve';
import { creditEvolvers } from '../credit/credit.evolve';
import { accountOpened, accountsEvolvers } from '../accounts/accounts.evolve';
import type { AccountOpened } from '../accounts/accounts.events';
import { billingEvolvers } from '../billing/billing.evolve';
import { disputesEvolvers } from '../disputes/disputes.evolve';
import { interactionsEvolvers } from '../interactions/interactions.evolve';
import { paymentsEvolvers } from '../payments/payments.evolve';
import { plansEvolvers } from '../plans/plans.evolve';
import { promisesEvolvers } from '../promises/promises.evolve';
import { resolutionsEvolvers } from '../resolutions/resolutions.evolve';
import { restrictionsEvolvers } from '../restrictions/restrictions.evolve';
import { timelineEvolvers } from '../timeline/timeline.evolve';
import { noticesEvolvers } from '../notices/notices.evolve';
import { worklistEvolvers } from '../worklist/worklist.evolve';
import type { AccountEvent } from './account.events';
import type { AccountState, OpenedAccount } from './account.state';
import { unhandled, type Evolvers } from './capability';

type OpenedAccountEvent = Exclude<AccountEvent, AccountOpened>;
type Fold = (account: OpenedAccount, event: OpenedAccountEvent) => OpenedAccount;

/** Each event type after the opening, folded by the capability that declares it. */
const evolvers: Evolvers<OpenedAccountEvent> = {
  ...accountsEvolvers,
  ...billingEvolvers,
  ...paymentsEvolvers,
  ...plansEvolvers,
  ...promisesEvolvers,
  ...disputesEvolvers,
  ...restrictionsEvolvers,
  ...interactionsEvolvers,
  ...resolutionsEvolvers,
  ...worklistEvolvers,
  ...timelineEvolvers,
  ...noticesEvolvers,
  ...portalEvolvers,
  ...creditEvolvers,
};
// One lookup per event, however many types there are (the projector folds millions of events), and none
// answered by an inherited key. Each entry folds exactly its own type, as `Evolvers` checks above.
const foldFor = new Map(Object.entries(evolvers) as [OpenedAccountEvent['type'], Fold][]);

/** Folds one event into the state. Exhaustive: an event type no capability folds fails to compile. */
export function evolve(state: AccountState, event: AccountEvent): AccountState {
  if (event.type === 'AccountOpened') return accountOpened(event);
  if (state.status === 'unopened') return state;
  const fold = foldFor.get(event.type);
  return fold ? fold(state, event) : unhandled(event);
}
