import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PersonalDataVault } from '@arrears/personal-data';
import type { LoggedNotification } from '@arrears/scheduler';
import type { TestApi } from './test-api';

/** A notification as delivered, its address and message opened (null, and empty, once the debtor was erased). */
export type DeliveredNotification = Pick<LoggedNotification, 'id' | 'channel' | 'deliveredAt'> & { to: string | null; subject: string; body: string };

/**
 * What the file sender wrote to DATA_DIR/notifications.log, each address and message opened with the
 * service's data keys; `clear` is the file as it lies on disk.
 */
export async function deliveredNotifications(api: TestApi, dataDir: string): Promise<{ clear: string; notifications: DeliveredNotification[] }> {
  const clear = await readFile(join(dataDir, 'notifications.log'), 'utf8').catch(() => '');
  const vault = api.app.get(PersonalDataVault);
  const lines = clear
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LoggedNotification);
  const notifications = await Promise.all(
    lines.map(async ({ id, channel, deliveredAt, to, content }) => {
      const opened = content ? ((await vault.openValue(content, id)) as { subject: string; body: string } | undefined) : undefined;
      const address = to ? (((await vault.openValue(to, id)) as string | undefined) ?? null) : null;
      return { id, channel, deliveredAt, to: address, subject: opened?.subject ?? '', body: opened?.body ?? '' };
    }),
  );
  return { clear, notifications };
}
