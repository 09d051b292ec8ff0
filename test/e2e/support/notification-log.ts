import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PersonalDataVault } from '@arrears/personal-data';
import { openLetter, type HandedOverLetter, type LoggedNotification } from '@arrears/scheduler';
import type { TestApi } from './test-api';

/**
 * A notification as delivered, opened with the service's data keys: an e-mail or text's address,
 * subject and body; a letter's printable HTML as both its address and body. Null, and empty, once the
 * debtor was erased.
 */
export type DeliveredNotification = {
  id: string;
  channel: LoggedNotification['channel'] | 'letter';
  to: string | null;
  subject: string;
  body: string;
  /** When the log says an e-mail or text went out; letters are handed over, not timed. */
  deliveredAt?: string;
};

/**
 * What the file adapters wrote: DATA_DIR/notifications.log (e-mail and SMS), then DATA_DIR/letters/;
 * `clear` is both as they lie on disk.
 */
export async function deliveredNotifications(api: TestApi, dataDir: string): Promise<{ clear: string; notifications: DeliveredNotification[] }> {
  const log = await readFile(join(dataDir, 'notifications.log'), 'utf8').catch(() => '');
  const vault = api.app.get(PersonalDataVault);
  const lines = log
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LoggedNotification);
  const messages = await Promise.all(
    lines.map(async ({ id, channel, to, content, deliveredAt }) => {
      const opened = content ? ((await vault.openValue(content, id)) as { subject: string; body: string } | undefined) : undefined;
      const address = to ? (((await vault.openValue(to, id)) as string | undefined) ?? null) : null;
      return { id, channel, to: address, subject: opened?.subject ?? '', body: opened?.body ?? '', deliveredAt };
    }),
  );
  const folder = join(dataDir, 'letters');
  const files = (await readdir(folder).catch(() => [] as string[])).filter((name) => name.endsWith('.letter.json')).sort();
  const letters = await Promise.all(
    files.map(async (name) => {
      const text = await readFile(join(folder, name), 'utf8');
      const { id, subject } = JSON.parse(text) as HandedOverLetter;
      const html = (await openLetter(join(folder, name), vault)) ?? null;
      return { raw: text, notification: { id, channel: 'letter' as const, to: html, subject, body: html ?? '' } };
    }),
  );
  return { clear: [log, ...letters.map(({ raw }) => raw)].join('\n'), notifications: [...messages, ...letters.map(({ notification }) => notification)] };
}
