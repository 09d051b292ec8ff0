import type { Clock } from '@arrears/platform';
import type { CollectorIdentity, PostalAddress } from '@arrears/domain';
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

const sender = (from: CollectorIdentity) => lobAddress(from.name, from.address);

/** Lob's error body: `{ error: { message, status_code, code } }`. */
const lobError = (body: unknown) => {
  const { code, message } = ((body ?? {}) as { error?: { code?: string; message?: string } }).error ?? {};
  return { code, message };
};

/**
 * Letters printed and mailed by a print-and-mail service: `POST {url}/letters` with the recipient's and
 * the sender's addresses and the letter as HTML, the API key as HTTP Basic user. The notification id
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
      from: sender(notification.from),
      file: letterHtml({ ...notification, to }, this.clock.now().toISOString().slice(0, 10)),
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
