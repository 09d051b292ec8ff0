import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Clock } from '@arrears/platform';
import type { PersonalDataVault, SealedPersonalData } from '@arrears/personal-data';
import { noAddress, notMine, type Notification, type NotificationSender, type TextNotification } from './notification.port';

/**
 * A line of the file: the notification with its address, and its subject and body (which name the
 * debtor), sealed under the debtor's data key; null where there was no debtor to seal them for.
 */
export type LoggedNotification = Pick<TextNotification, 'id' | 'channel'> & {
  to: SealedPersonalData | null;
  content: SealedPersonalData | null;
  deliveredAt: string;
};

/**
 * The default e-mail and SMS adapter: one JSON line per notification in a file (DATA_DIR/notifications.log),
 * for the embedded default and demos. A notification already in the file is not written again. The
 * address and the message are personal data, and the file cannot be rewritten when a debtor is erased:
 * they are kept sealed under the debtor's data key, bound to the notification's id, so erasing the
 * debtor erases them here too.
 */
export class FileNotificationSender implements NotificationSender {
  private written: Promise<Set<string>> | undefined;

  constructor(
    private readonly path: string,
    private readonly vault: PersonalDataVault,
    private readonly clock: Clock,
  ) {}

  async send(notification: Notification): Promise<void> {
    if (notification.channel === 'letter') throw notMine('The notification log', notification.channel);
    if (!notification.to) throw noAddress(notification.channel);
    const written = await (this.written ??= this.load());
    if (written.has(notification.id)) return;
    const { id, channel, to, dataSubject, subject, body } = notification;
    // What has no debtor to seal it for cannot be kept: it is left out.
    const seal = (value: unknown) => (dataSubject === null ? Promise.resolve(null) : this.vault.sealValue(dataSubject, value, id));
    const line: LoggedNotification = { id, channel, to: await seal(to), content: await seal({ subject, body }), deliveredAt: this.clock.now().toISOString() };
    await appendFile(this.path, `${JSON.stringify(line)}\n`);
    written.add(notification.id);
  }

  private async load(): Promise<Set<string>> {
    await mkdir(dirname(this.path), { recursive: true });
    const text = await readFile(this.path, 'utf8').catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
      throw error;
    });
    return new Set(
      text
        .split('\n')
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as LoggedNotification).id),
    );
  }
}
