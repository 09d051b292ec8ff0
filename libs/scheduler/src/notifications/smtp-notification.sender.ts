import { createTransport, type Transporter } from 'nodemailer';
import { noAddress, notMine, type Notification, type NotificationSender } from './notification.port';

/**
 * E-mail over SMTP (nodemailer) when SMTP_URL is set. The Message-ID is derived from the notification
 * id, so a receiver can drop a second delivery of the same notification.
 */
export class SmtpNotificationSender implements NotificationSender {
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transport = createTransport(url);
  }

  async send(notification: Notification): Promise<void> {
    if (notification.channel !== 'email') throw notMine('SMTP', notification.channel);
    if (!notification.to) throw noAddress('email');
    await this.transport.sendMail({
      from: this.from,
      to: notification.to,
      subject: notification.subject,
      text: notification.body,
      messageId: `<${encodeURIComponent(notification.id)}@arrears>`,
    });
  }

  close(): void {
    this.transport.close();
  }
}
