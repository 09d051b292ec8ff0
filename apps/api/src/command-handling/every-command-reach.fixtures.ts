import type { AccountCommand, TimelineCommand } from '@arrears/domain';
import { policies, scheduler, type CapabilityReach } from './command-reach.fixtures';
import { accountsReach } from '../accounts/accounts.reach.fixtures';
import { billingReach } from '../billing/billing.reach.fixtures';
import { creditReach } from '../credit/credit.reach.fixtures';
import { disputesReach } from '../disputes/disputes.reach.fixtures';
import { interactionsReach } from '../interactions/interactions.reach.fixtures';
import { paymentsReach } from '../payments/payments.reach.fixtures';
import { plansReach } from '../plans/plans.reach.fixtures';
import { portalReach } from '../portal/portal.reach.fixtures';
import { promisesReach } from '../promises/promises.reach.fixtures';
import { resolutionsReach } from '../resolutions/resolutions.reach.fixtures';
import { restrictionsReach } from '../restrictions/restrictions.reach.fixtures';
import { worklistReach } from '../worklist/worklist.reach.fixtures';

type ReachTable = CapabilityReach<AccountCommand>;

/** The scheduler's own command: no HTTP capability makes it. */
const timelineReach: CapabilityReach<TimelineCommand> = {
  AdvanceCollectionTimeline: {
    fields: {
      invoiceId: true,
      strategy: { setBy: 'COLLECTION_STRATEGIES over the built-in ones, by SchedulerSettingsInForce' },
      arm: { setBy: 'the creditor’s champion/challenger split, by strategyFor' },
      policies,
    },
    made: [scheduler([])],
  },
};

/**
 * Every account command, with how each of its fields is set from outside: the specs that prove each can
 * be (every-field-reachable.unit.spec.ts), and that every request they send is validated alike either
 * way (request-validation.unit.spec.ts). The table is exhaustive by type: a new command, or a new field of
 * one, fails to compile until its capability's reach fixtures list it with a way to set it. Test support
 * only (a fixtures file: not built).
 */
export const everyCommandReach: ReachTable = {
  ...accountsReach,
  ...billingReach,
  ...disputesReach,
  ...interactionsReach,
  ...paymentsReach,
  ...plansReach,
  ...promisesReach,
  ...resolutionsReach,
  ...restrictionsReach,
  ...worklistReach,
  ...timelineReach,
  ...portalReach,
  ...creditReach,
};
