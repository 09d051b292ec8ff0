import { dateIn } from '@arrears/domain';
import type { Clock } from '@arrears/platform';
import type { PostalAddress } from '@arrears/domain';
import { letterHtml } from './letter';
import { noAddress, notMine, type Notification, type NotificationSender } from './notification.port';
import { postToProvider, type ProviderEndpoint } from './provider-http';

/** A print-and-mail service with Lob's letters API (PRINT_MAIL_URL, PRINT_MAIL_API_KEY). */
export interface PrintMailSettings {
  /** The API's base, `https://api.lob.com/v1` (a test's fake server otherwise). */
  url: string;
  apiKey: string;
  timeoutMs: number;
}

/** An address in Lob's shape: two street lines at most, the rest joined into the second. */
function lobAddress(name: string | null, address: PostalAddress) {
  const [first, ...rest] = address.lines;
  return {
    ...(name ? { name } : {}),
    address_line1: first,
    ...(rest.length ? { address_line2: rest.join(', ') } : {}),
    address_city: address.city,
    ...(address.region ? { address_state: address.region } : {}),
    ...(address.postalCode ? { address_zip: address.postalCode } : {}),
    address_country: address.country,
  };
}

/** Lob's error body: `{ error: { message, status_code, code } }`. */
const lobError = (body: unknown) => {
  const { code, message } = ((body ?? {}) as { error?: { code?: string; message?: string } }).error ?? {};
  return { code, message };
};

/**
 * Letters printed and mailed by a print-and-mail service: `POST {url}/letters` with the recipient's and
 * the sender's addresses and the letter as HTML, the API key as HTTP Basic user. The sender's address
 * goes without a name for a debt collector: a service that insists on one (Lob wants a name or a
 * company) must be given a name that does not indicate debt collection, which is not configurable yet. The notification id
 * is the Idempotency-Key, so a retry after a lost answer does not print the letter twice.
 */
export class PrintMailLetterSender implements NotificationSender {
  private readonly endpoint: ProviderEndpoint;

  constructor(
    private readonly settings: PrintMailSettings,
    private readonly clock: Clock,
  ) {
    this.endpoint = { name: 'The print-and-mail service', username: settings.apiKey, password: '', timeoutMs: settings.timeoutMs };
  }

  async send(notification: Notification): Promise<void> {
    if (notification.channel !== 'letter') throw notMine('The print-and-mail service', notification.channel);
    const { to } = notification;
    if (!to) throw noAddress('letter');
    const letter = {
      description: notification.subject.slice(0, 255),
      to: lobAddress(to.name, to.address),
      // Printed on the envelope: a debt collector's address only (1006.22(f)(2)), see envelopeName.
      from: lobAddress(notification.envelopeName, notification.from.address),
      file: letterHtml({ ...notification, to }, dateIn(this.clock.now().toISOString(), notification.timeZone)),
      color: false,
      use_type: 'operational',
      metadata: { notification_id: notification.id.slice(0, 500) },
    };
    await postToProvider(
      this.endpoint,
      `${this.settings.url.replace(/\/+$/, '')}/letters`,
      { body: JSON.stringify(letter), contentType: 'application/json', headers: { 'idempotency-key': notification.id } },
      lobError,
    );
  }
}
