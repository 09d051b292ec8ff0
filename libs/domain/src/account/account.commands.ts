import type { AccountsCommand } from '../accounts/accounts.commands';
import type { BillingCommand } from '../billing/billing.commands';
import type { CreditCommand } from '../credit/credit.commands';
import type { DisputesCommand } from '../disputes/disputes.commands';
import type { InteractionsCommand } from '../interactions/interactions.commands';
import type { PaymentsCommand } from '../payments/payments.commands';
import type { PlansCommand } from '../plans/plans.commands';
import type { PortalCommand } from '../portal/portal.commands';
import type { PromisesCommand } from '../promises/promises.commands';
import type { ResolutionsCommand } from '../resolutions/resolutions.commands';
import type { RestrictionsCommand } from '../restrictions/restrictions.commands';
import type { TimelineCommand } from '../timeline/timeline.commands';
import type { WorklistCommand } from '../worklist/worklist.commands';

export type * from '../accounts/accounts.commands';
export type * from '../billing/billing.commands';
export type * from '../credit/credit.commands';
export type * from '../disputes/disputes.commands';
export type * from '../interactions/interactions.commands';
export type * from '../payments/payments.commands';
export type * from '../plans/plans.commands';
export type * from '../portal/portal.commands';
export type * from '../promises/promises.commands';
export type * from '../resolutions/resolutions.commands';
export type * from '../restrictions/restrictions.commands';
export type * from '../timeline/timeline.commands';
export type * from '../worklist/worklist.commands';

/** Every command an account takes, each declared in its capability's folder. */
export type AccountCommand =
  | AccountsCommand
  | BillingCommand
  | PaymentsCommand
  | PlansCommand
  | PromisesCommand
  | DisputesCommand
  | RestrictionsCommand
  | InteractionsCommand
  | ResolutionsCommand
  | WorklistCommand
  | TimelineCommand
  | PortalCommand
  | CreditCommand;
