import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Notification, NotificationSender } from './notification.port';

/**
 * The default adapter: one JSON line per notification in a file (DATA_DIR/notifications.log), for
 * the embedded default and demos. A notification already in the file is not written again.
 */
export class FileNotificationSender implements NotificationSender {
  private written: Promise<Set<string>> | undefined;

  constructor(private readonly path: string) {}

  async send(notification: Notification): Promise<void> {
    const written = await (this.written ??= this.load());
    if (written.has(notification.id)) return;
    await appendFile(this.path, `${JSON.stringify({ ...notification, deliveredAt: new Date().toISOString() })}\n`);
    written.add(notification.id);
  }

  private async load(): Promise<Set<string>> {
    await mkdir(dirname(this.path), { recursive: true });
    const text = await readFile(this.path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    return new Set(text.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as Notification).id));
  }
}
