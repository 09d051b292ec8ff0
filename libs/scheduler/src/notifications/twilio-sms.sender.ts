import { noAddress, notMine, type Notification, type NotificationSender } from './notification.port';
import { postToProvider, type ProviderEndpoint } from './provider-http';

/** An SMS provider with Twilio's Messages API (SMS_PROVIDER_URL, SMS_ACCOUNT_SID, SMS_AUTH_TOKEN, SMS_FROM). */
export interface TwilioSettings {
  /** The API's origin, `https://api.twilio.com` (a test's fake server otherwise). */
  url: string;
  accountSid: string;
  authToken: string;
  /** The sending number (E.164), or a Messaging Service's SID (`MG…`), which picks the number itself. */
  from: string;
  timeoutMs: number;
}

/** Twilio's error body: `{ code: 21211, message: "The 'To' number … is not a valid phone number.", status: 400 }`. */
const twilioError = (body: unknown) => {
  const { code, message } = (body ?? {}) as { code?: number; message?: string };
  return { code, message };
};

/**
 * Text messages through Twilio's Messages resource: `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`,
 * form-encoded `To`, `From` (or `MessagingServiceSid`) and `Body`, with the account SID and auth token
 * as HTTP Basic credentials. Twilio takes no idempotency key: a message whose answer was lost (a
 * timeout after Twilio accepted it) is sent again on retry, the at-least-once the outbox promises.
 */
export class TwilioSmsSender implements NotificationSender {
  private readonly endpoint: ProviderEndpoint;
  private readonly messages: string;

  constructor(private readonly settings: TwilioSettings) {
    this.endpoint = { name: 'Twilio', username: settings.accountSid, password: settings.authToken, timeoutMs: settings.timeoutMs };
    this.messages = `${settings.url.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/Messages.json`;
  }

  async send(notification: Notification): Promise<void> {
    if (notification.channel !== 'sms') throw notMine('The SMS provider', notification.channel);
    if (!notification.to) throw noAddress('sms');
    const sender = this.settings.from.startsWith('MG') ? { MessagingServiceSid: this.settings.from } : { From: this.settings.from };
    const form = new URLSearchParams({ To: notification.to, ...sender, Body: notification.body });
    await postToProvider(this.endpoint, this.messages, { body: form.toString(), contentType: 'application/x-www-form-urlencoded' }, twilioError);
  }
}
