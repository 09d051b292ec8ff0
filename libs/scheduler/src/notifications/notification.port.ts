import type { CollectorIdentity, PostalAddress } from '@arrears/domain';

interface Message {
  /** Stable across retries: receivers and adapters drop a second delivery by it. */
  id: string;
  /** Whose personal data the address is (the debtor's data-key subject): an adapter that keeps it seals it under that key. */
  dataSubject: string | null;
  subject: string;
  body: string;
}

/** An e-mail or a text message: addressed to the debtor's e-mail address or phone number (null when they gave none). */
export interface TextNotification extends Message {
  channel: 'email' | 'sms';
  to: string | null;
}

/** Where a letter goes: the debtor's postal address, under their name when known. */
export interface PostalRecipient {
  name: string | null;
  address: PostalAddress;
}

/** A letter: to the debtor's postal address (null when they gave none), with the collector's as the return address. */
export interface LetterNotification extends Message {
  channel: 'letter';
  to: PostalRecipient | null;
  from: CollectorIdentity;
  /**
   * The name the envelope may show beside the return address: none for a debt collector, whose
   * envelopes may carry only its address (12 CFR 1006.22(f)(2); its business name only where that name
   * does not indicate debt collection, which the code cannot judge); the creditor's own name otherwise.
   */
  envelopeName: string | null;
  /** The debtor's zone: the letter is dated by their calendar. */
  timeZone: string;
}

/** A message ready to go: rendered and addressed. */
export type Notification = TextNotification | LetterNotification;

/** The channels the outbox delivers on. */
export type NotificationChannel = Notification['channel'];

/**
 * A delivery that trying again cannot fix (no address for the channel, a provider refusing the
 * message as malformed): the outbox dead-letters it at once instead of retrying. Every other error
 * is taken as passing (a timeout, a 5xx, a rate limit) and retried with backoff.
 */
export class PermanentDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}

/** The outbound notification port. Resolves once the message is handed over; throws to be retried (or PermanentDeliveryError not to be). */
export abstract class NotificationSender {
  abstract send(notification: Notification): Promise<void>;
}

const addressNames: Record<NotificationChannel, string> = { email: 'e-mail address', sms: 'phone number', letter: 'postal address' };

/** The permanent failure of a notification whose debtor gave no address for its channel (or was erased). */
export const noAddress = (channel: NotificationChannel) => new PermanentDeliveryError(`The debtor has no ${addressNames[channel]}`);

/** The permanent failure of a notification routed to an adapter of another channel. */
export const notMine = (adapter: string, channel: NotificationChannel) => new PermanentDeliveryError(`${adapter} does not deliver by ${channel}`);
