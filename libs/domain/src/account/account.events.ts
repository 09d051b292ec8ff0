import { eventTypesOf } from './event-types';
import { accountsEventTypes } from '../accounts/accounts.events';
import { billingEventTypes } from '../billing/billing.events';
import { paymentsEventTypes } from '../payments/payments.events';
import { plansEventTypes } from '../plans/plans.events';
import { promisesEventTypes } from '../promises/promises.events';
import { disputesEventTypes } from '../disputes/disputes.events';
import { restrictionsEventTypes } from '../restrictions/restrictions.events';
import { interactionsEventTypes } from '../interactions/interactions.events';
import { resolutionsEventTypes } from '../resolutions/resolutions.events';
import { worklistEventTypes } from '../worklist/worklist.events';
import { timelineEventTypes } from '../timeline/timeline.events';
import { noticesEventTypes } from '../notices/notices.events';
import { portalEventTypes } from '../portal/portal.events';
import { creditEventTypes } from '../credit/credit.events';
import type { AccountClosed, AccountOpened, AccountsEvent, PersonalDataErased } from '../accounts/accounts.events';
import type { BillingEvent, CreditApplied, InvoiceIssued, LateFeeAssessed, PaymentMissed } from '../billing/billing.events';
import type { DisputesEvent } from '../disputes/disputes.events';
import type { InteractionsEvent } from '../interactions/interactions.events';
import type { EarlyPaymentDiscountApplied, PaymentReceived, PaymentsEvent } from '../payments/payments.events';
import type { InstallmentPaid, PlanAgreed, PlanCompleted, PlansEvent } from '../plans/plans.events';
import type { PromisesEvent } from '../promises/promises.events';
import type { ResolutionsEvent } from '../resolutions/resolutions.events';
import type { RestrictionsEvent } from '../restrictions/restrictions.events';
import type { TimelineEvent } from '../timeline/timeline.events';
import type { NoticesEvent } from '../notices/notices.events';
import type { PortalEvent } from '../portal/portal.events';
import type { CreditEvent } from '../credit/credit.events';
import type { AccountClaimed, AccountClaimReleased, WorklistEvent } from '../worklist/worklist.events';

export * from './allocation';
export * from '../accounts/debtor';
export * from '../accounts/accounts.events';
export * from '../billing/billing.events';
export * from '../disputes/disputes.events';
export * from '../interactions/interactions.events';
export * from '../payments/payments.events';
export * from '../plans/plans.events';
export * from '../promises/promises.events';
export * from '../resolutions/resolutions.events';
export * from '../restrictions/restrictions.events';
export * from '../timeline/timeline.events';
export * from '../notices/notices.events';
export * from '../worklist/worklist.events';
export * from '../portal/portal.events';
export * from '../credit/credit.events';

/** Every fact recorded on an account stream, each declared in its capability's folder. The `type` strings are stored: never rename them. */
export type AccountEvent =
  | AccountsEvent
  | BillingEvent
  | PaymentsEvent
  | PlansEvent
  | PromisesEvent
  | DisputesEvent
  | RestrictionsEvent
  | InteractionsEvent
  | ResolutionsEvent
  | WorklistEvent
  | TimelineEvent
  | NoticesEvent
  | PortalEvent
  | CreditEvent;

/** The account's lifecycle, billing, payments and plans, and claims. */
export type LedgerEvent =
  | AccountOpened
  | InvoiceIssued
  | CreditApplied
  | PaymentReceived
  | EarlyPaymentDiscountApplied
  | PaymentMissed
  | LateFeeAssessed
  | PlanAgreed
  | InstallmentPaid
  | PlanCompleted
  | AccountClosed
  | AccountClaimed
  | AccountClaimReleased
  | PersonalDataErased;

/** The collections workflow: interactions, arrangements, disputes, restrictions and resolutions. */
export type WorkflowEvent = Exclude<AccountEvent, LedgerEvent>;

export type AccountEventType = AccountEvent['type'];

/** Every account event type, for readers that subscribe by type; leaving one out fails to compile. */
export const accountEventTypes = eventTypesOf<AccountEvent>()([
  ...accountsEventTypes,
  ...billingEventTypes,
  ...paymentsEventTypes,
  ...plansEventTypes,
  ...promisesEventTypes,
  ...disputesEventTypes,
  ...restrictionsEventTypes,
  ...interactionsEventTypes,
  ...resolutionsEventTypes,
  ...worklistEventTypes,
  ...timelineEventTypes,
  ...noticesEventTypes,
  ...portalEventTypes,
  ...creditEventTypes,
]);

/** Stream holding one account's events. */
export const accountStream = (accountId: string) => `account-${accountId}`;
