import type { ContactChannel } from '@arrears/domain';

/** A message ready to go: rendered, addressed (null when the debtor gave no address for the channel). */
export interface Notification {
  /** Stable across retries: receivers and adapters drop a second delivery by it. */
  id: string;
  channel: ContactChannel;
  to: string | null;
  /** Whose personal data `to` is (the debtor's data-key subject): an adapter that keeps it seals it under that key. */
  dataSubject: string | null;
  subject: string;
  body: string;
}

/** The outbound notification port. Resolves once the message is handed over; throws to be retried. */
export abstract class NotificationSender {
  abstract send(notification: Notification): Promise<void>;
}
