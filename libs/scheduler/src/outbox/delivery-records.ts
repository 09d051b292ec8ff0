import type { IndexSpec, ReadDocument } from '@arrears/read-store';
import type { NotificationChannel } from '../notifications/notification.port';

/** What the outbox holds delivered, by notification id. */
export const DELIVERIES = 'outbox_deliveries';
/** Notifications whose delivery failed and will be tried again, by notification id. */
export const RETRIES = 'outbox_retries';
/** Notifications the outbox gave up on, by notification id, until a supervisor requeues one. */
export const OUTBOX_DEAD_LETTERS = 'outbox_dead_letters';

/** Who requeued a dead letter, and when (from the service's clock). */
export interface Requeue {
  by: { id: string; role: string };
  at: string;
}

/** A notification that failed: which, whose, how often, and why the last time. No address, ever. */
interface FailedDelivery extends ReadDocument {
  accountId: string;
  /** The account's creditor, for the creditor-scoped list; null when the account was unknown. */
  creditorId: string | null;
  channel: NotificationChannel;
  template: string;
  /** The outbox position of the notification. */
  position: number;
  /** Tries made so far (a requeue starts again from 0). */
  attempts: number;
  /** The last failure, with any address the provider quoted taken out. */
  lastError: string;
  firstFailedAt: string;
  /** Each time a supervisor sent it back from the dead letters. */
  requeues?: Requeue[];
}

/** A notification waiting for its next try. */
export interface PendingRetry extends FailedDelivery {
  /** ISO instant, compared as text (every one from toISOString). */
  nextAttemptAt: string;
}

/** A notification given up on: a permanent failure, or the last of the attempts allowed. */
export interface DeadLetter extends FailedDelivery {
  deadAt: string;
  /** True when trying again could not help (no address, a provider refusing the message itself). */
  permanent: boolean;
}

export const retryIndexes: IndexSpec[] = [
  {
    name: 'by_next_attempt',
    fields: [
      { field: 'nextAttemptAt', direction: 'asc' },
      { field: 'id', direction: 'asc' },
    ],
  },
];

export const deadLetterIndexes: IndexSpec[] = [
  {
    name: 'by_creditor',
    fields: [
      { field: 'creditorId', direction: 'asc' },
      { field: 'deadAt', direction: 'asc' },
      { field: 'id', direction: 'asc' },
    ],
  },
  {
    name: 'by_death',
    fields: [
      { field: 'deadAt', direction: 'asc' },
      { field: 'id', direction: 'asc' },
    ],
  },
];

/** How the outbox retries (from NOTIFY_MAX_ATTEMPTS, NOTIFY_RETRY_BASE_MS, NOTIFY_RETRY_MAX_MS). */
export interface RetrySettings {
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
}

/**
 * The wait before the next try after `attempts` failed ones: the ceiling doubles from the base up to
 * the cap, and the wait is drawn between half the ceiling and the ceiling, so that notifications that
 * failed together (a provider's outage) do not all come back in the same instant.
 */
export function retryDelay(attempts: number, settings: RetrySettings, random: () => number): number {
  const ceiling = Math.min(settings.retryMaxMs, settings.retryBaseMs * 2 ** Math.min(attempts - 1, 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

const phoneNumber = /\+?\d{7,15}/g;
const emailAddress = /[^\s@"'<>()]+@[^\s@"'<>()]+/g;

/**
 * An error as it may be kept and logged: providers quote the address they refused ("The 'To' number
 * +1555… is not a valid phone number"), which is personal data that must not outlive an erasure in
 * a read model or a log. The recipient's own strings are taken out, then anything shaped like a
 * number or an e-mail address; the text is capped.
 */
export function redactedError(error: unknown, recipient: string[]): string {
  let text = error instanceof Error ? error.message : String(error);
  for (const value of recipient.filter((part) => part.length >= 3)) text = text.replaceAll(value, '[address]');
  text = text.replace(emailAddress, '[e-mail]').replace(phoneNumber, '[number]');
  return text.replaceAll('\u0000', '').slice(0, 500);
}
