import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PersonalDataVault } from '@arrears/personal-data';
import type { LoggedNotification } from '@arrears/scheduler';
import type { TestApi } from './test-api';

/**
 * What the file sender wrote to DATA_DIR/notifications.log, each address opened with the service's
 * data keys (null once the debtor was erased); `clear` is the file as it lies on disk.
 */
export async function deliveredNotifications(
  api: TestApi,
  dataDir: string,
): Promise<{ clear: string; notifications: Array<Omit<LoggedNotification, 'to'> & { to: string | null }> }> {
  const clear = await readFile(join(dataDir, 'notifications.log'), 'utf8').catch(() => '');
  const vault = api.app.get(PersonalDataVault);
  const lines = clear
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LoggedNotification);
  const notifications = await Promise.all(
    lines.map(async (line) => ({ ...line, to: line.to ? (((await vault.openValue(line.to, line.id)) as string | undefined) ?? null) : null })),
  );
  return { clear, notifications };
}
