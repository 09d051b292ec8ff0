import { join } from 'node:path';
import type { AppConfig, Clock } from '@arrears/platform';
import type { PersonalDataVault } from '@arrears/personal-data';
import { FileLetterSender } from './file-letter.sender';
import { FileNotificationSender } from './file-notification.sender';
import type { Notification, NotificationChannel, NotificationSender } from './notification.port';
import { PrintMailLetterSender } from './print-mail-letter.sender';
import { SmtpNotificationSender } from './smtp-notification.sender';
import { TwilioSmsSender } from './twilio-sms.sender';

/** Each channel's adapter, and what it is (for the boot log: never a credential). */
export type ChannelAdapters = Record<NotificationChannel, { sender: NotificationSender; adapter: string }>;

/** Sends each notification through its channel's adapter. */
export class ChannelRouter implements NotificationSender {
  constructor(readonly adapters: ChannelAdapters) {}

  send(notification: Notification): Promise<void> {
    return this.adapters[notification.channel].sender.send(notification);
  }

  /** `email: smtp, sms: file, letter: print-and-mail`: what goes where. */
  describe(): string {
    return Object.entries(this.adapters)
      .map(([channel, { adapter }]) => `${channel}: ${adapter}`)
      .join(', ');
  }
}

/**
 * The adapters the configuration names, chosen once at boot (loadConfig has refused incomplete
 * settings): e-mail by SMTP with SMTP_URL, SMS through the provider with SMS_PROVIDER_URL, letters to
 * the print-and-mail service with PRINT_MAIL_URL. A channel without settings goes to files in
 * DATA_DIR (e-mail and SMS to notifications.log, letters to letters/), so the embedded default
 * delivers with no configuration at all.
 */
export function channelRouter(config: AppConfig, vault: PersonalDataVault, clock: Clock): ChannelRouter {
  const log = { sender: new FileNotificationSender(join(config.dataDir, 'notifications.log'), vault, clock), adapter: 'file (notifications.log)' };
  const { smtpUrl, sms, printMail, delivery } = config;
  return new ChannelRouter({
    email: smtpUrl ? { sender: new SmtpNotificationSender(smtpUrl, config.notifyFrom), adapter: 'smtp' } : log,
    sms: sms ? { sender: new TwilioSmsSender({ ...sms, timeoutMs: delivery.timeoutMs }), adapter: `sms provider (${new URL(sms.url).host})` } : log,
    letter: printMail
      ? {
          sender: new PrintMailLetterSender({ ...printMail, timeoutMs: delivery.timeoutMs }, clock),
          adapter: `print-and-mail (${new URL(printMail.url).host})`,
        }
      : { sender: new FileLetterSender(join(config.dataDir, 'letters'), vault, clock), adapter: 'file (letters/)' },
  });
}
