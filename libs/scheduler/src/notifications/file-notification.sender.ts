import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { PersonalDataVault, SealedPersonalData } from '@arrears/personal-data';
import { noAddress, notMine, type Notification, type NotificationSender, type TextNotification } from './notification.port';

/** A line of the file: the notification with its address sealed under the debtor's data key. */
export type LoggedNotification = Omit<TextNotification, 'to' | 'dataSubject'> & { to: SealedPersonalData | null; deliveredAt: string };

/**
 * The default e-mail and SMS adapter: one JSON line per notification in a file (DATA_DIR/notifications.log),
 * for the embedded default and demos. A notification already in the file is not written again. The
 * address is personal data, and the file cannot be rewritten when a debtor is erased: it is kept sealed
 * under the debtor's data key, bound to the notification's id, so erasing the debtor erases it here too.
 */
export class FileNotificationSender implements NotificationSender {
  private written: Promise<Set<string>> | undefined;

  constructor(
    private readonly path: string,
    private readonly vault: PersonalDataVault,
  ) {}

  async send(notification: Notification): Promise<void> {
    if (notification.channel === 'letter') throw notMine('The notification log', notification.channel);
    if (!notification.to) throw noAddress(notification.channel);
    const written = await (this.written ??= this.load());
    if (written.has(notification.id)) return;
    const { to, dataSubject, ...message } = notification;
    // An address with no debtor to seal it for cannot be kept: it is left out.
    const sealed = dataSubject !== null ? await this.vault.sealValue(dataSubject, to, notification.id) : null;
    const line: LoggedNotification = { ...message, to: sealed, deliveredAt: new Date().toISOString() };
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
