import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileNotificationSender } from './file-notification.sender';

describe('file notification sender', () => {
  it('writes each notification once by id, also across a restart', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'arrears-notify-')), 'notifications.log');
    const notification = { id: 'n-1', channel: 'email' as const, to: 'ada@example.com', subject: 'Hello', body: 'Pay' };
    await new FileNotificationSender(path).send(notification);
    const restarted = new FileNotificationSender(path);
    await restarted.send(notification);
    await restarted.send({ ...notification, id: 'n-2' });
    const ids = (await readFile(path, 'utf8')).trim().split('\n').map((line) => (JSON.parse(line) as { id: string }).id);
    expect(ids).toEqual(['n-1', 'n-2']);
  });
});
