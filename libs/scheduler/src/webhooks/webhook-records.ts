import type { AppConfig } from '@arrears/platform';
import type { SealedPersonalData } from '@arrears/personal-data';
import type { IndexSpec, ReadDocument } from '@arrears/read-store';

/** The subscriptions, by id. */
export const WEBHOOK_SUBSCRIPTIONS = 'webhook_subscriptions';
/** How each subscription's delivery goes, by subscription id: written with its checkpoint. */
export const WEBHOOK_STATUS = 'webhook_status';
/** Events given up on, and the events of their accounts held behind them, by `subscriptionId:eventId`. */
export const WEBHOOK_DEAD_LETTERS = 'webhook_dead_letters';

/** The name of a subscription's checkpoint and lease in the read store: the same, so its writes are fenced by it. */
export const deliveryName = (subscriptionId: string) => `webhook:${subscriptionId}`;
export const deadLetterId = (subscriptionId: string, eventId: string) => `${subscriptionId}:${eventId}`;

/** The one element of a filter that lets everything through: every event type, every creditor. */
export const everything = '*';

/** An integrator's subscription. Its signing secret is kept sealed, never in clear. */
export interface WebhookSubscription extends ReadDocument {
  url: string;
  /** The event types sent, or `['*']` for all. */
  eventTypes: string[];
  /** The creditors whose accounts' events are sent, or `['*']` for all (only a caller acting for all may ask it). */
  creditorIds: string[];
  /** Whether debtors' personal fields are sent (opened at delivery time: blank once erased). */
  personalData: boolean;
  description?: string;
  /** The secret that signs every delivery, sealed under the key store's `webhooks` data key, bound to the id. */
  secret: SealedPersonalData;
  createdAt: string;
  createdBy: { id: string; role: string };
  /** The log position delivery started after: the head when created, unless a start was asked for. */
  startAfter: number;
  /**
   * Set once disabled, for good: nothing is sent any more, and the subscription stays listed with its
   * status and dead letters, a record of where the events went.
   */
  disabled?: { at: string; by: { id: string; role: string } };
}

/** Where a subscription's delivery stands; the checkpoint itself is the read store's. */
export interface WebhookStatus extends ReadDocument {
  /** Events delivered (a redelivery counts again). */
  delivered: number;
  lastDeliveredAt?: string;
  /** The last failed try, its time, and the tries of the event being retried now (0 once delivered). */
  lastError?: string;
  lastErrorAt?: string;
  attempts: number;
}

/**
 * `failed`: given up on after its tries. `held`: never tried, because an earlier event of its account
 * is a dead letter (it must not overtake it). `queued`: a person asked for the account's letters to be
 * tried again, in order.
 */
export type DeadLetterState = 'failed' | 'held' | 'queued';

export interface WebhookDeadLetter extends ReadDocument {
  subscriptionId: string;
  eventId: string;
  type: string;
  accountId: string;
  creditorId: string;
  /** Where the event is: in the log, and in its account's stream. */
  position: number;
  revision: number;
  state: DeadLetterState;
  attempts: number;
  lastError: string | null;
  deadAt: string;
}

export const webhookDeadLetterIndexes: IndexSpec[] = [
  {
    name: 'by_subscription',
    fields: [
      { field: 'subscriptionId', direction: 'asc' },
      { field: 'position', direction: 'asc' },
    ],
  },
  {
    name: 'by_account',
    fields: [
      { field: 'subscriptionId', direction: 'asc' },
      { field: 'accountId', direction: 'asc' },
      { field: 'position', direction: 'asc' },
    ],
  },
];

/** How deliveries are retried and bounded (from the WEBHOOK_* variables). */
export type WebhookSettings = Omit<AppConfig['webhooks'], 'run'>;
