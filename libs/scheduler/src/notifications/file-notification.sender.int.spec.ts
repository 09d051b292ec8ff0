import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalKeyEncryption, PersonalDataVault, PostgresKeyStore, type KeyStore } from '@arrears/personal-data';
import { createTestDatabase } from '../../../../test/setup/test-database';
import { FileNotificationSender, type LoggedNotification } from './file-notification.sender';
import { demoCreditorProfile } from '@arrears/domain';
import { FixedClock } from '@arrears/platform';
import { PermanentDeliveryError, type Notification } from './notification.port';

describe('file notification sender', () => {
  let keys: KeyStore;
  let vault: PersonalDataVault;
  let path: string;
  beforeAll(async () => {
    keys = await PostgresKeyStore.connect(await createTestDatabase(), new LocalKeyEncryption('the-key-encryption-key-of-32-characters'));
  });
  afterAll(() => keys.close());
  beforeEach(async () => {
    vault = new PersonalDataVault(keys);
    path = join(await mkdtemp(join(tmpdir(), 'arrears-notify-')), 'notifications.log');
  });

  const notification: Notification = { id: 'n-1', channel: 'email', to: 'ada@example.com', dataSubject: 'cred-1/D-1', subject: 'Hello', body: 'Pay' };
  const logged = async () =>
    (await readFile(path, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as LoggedNotification);

  const clock = new FixedClock(new Date('2026-03-20T14:00:00Z'));

  it('writes each notification once by id, also across a restart', async () => {
    await new FileNotificationSender(path, vault, clock).send(notification);
    const restarted = new FileNotificationSender(path, vault, clock);
    await restarted.send(notification);
    await restarted.send({ ...notification, id: 'n-2' });
    expect((await logged()).map(({ id }) => id)).toEqual(['n-1', 'n-2']);
    // Delivered when the service's clock says, like every other time it records.
    expect((await logged()).map(({ deliveredAt }) => deliveredAt)).toEqual(['2026-03-20T14:00:00.000Z', '2026-03-20T14:00:00.000Z']);
  });

  it('keeps the address and the message only sealed under the debtor’s data key, bound to the notification', async () => {
    await new FileNotificationSender(path, vault, clock).send({ ...notification, dataSubject: 'cred-1/D-2', body: 'Dear Ada Lovelace' });
    expect(await readFile(path, 'utf8')).not.toMatch(/ada@example.com|Lovelace/);
    const [line] = await logged();
    expect(line).toMatchObject({ id: 'n-1', channel: 'email' });
    expect(await vault.openValue(line!.to!, 'n-1')).toBe('ada@example.com');
    expect(await vault.openValue(line!.content!, 'n-1')).toEqual({ subject: 'Hello', body: 'Dear Ada Lovelace' });
    await expect(vault.openValue(line!.to!, 'n-2')).rejects.toThrow();
  });

  it('holds nothing that reveals the address once the debtor is erased', async () => {
    const sender = new FileNotificationSender(path, vault, clock);
    await sender.send({ ...notification, dataSubject: 'cred-1/D-3' });
    await sender.send({ ...notification, id: 'n-2', channel: 'sms', to: '+15551234567', dataSubject: 'cred-1/D-3', body: 'Dear Ada Lovelace' });
    expect(await vault.forget('cred-1', 'D-3')).toBe(1);
    const text = await readFile(path, 'utf8');
    for (const clear of ['ada@example.com', '5551234567', 'Lovelace']) expect(text).not.toContain(clear);
    for (const line of await logged()) {
      expect(await vault.openValue(line.to!, line.id)).toBeUndefined();
      expect(await vault.openValue(line.content!, line.id)).toBeUndefined();
    }
  });

  it('refuses for good a notification with no address, and letters (they go to the letter folder)', async () => {
    const sender = new FileNotificationSender(path, vault, clock);
    await expect(sender.send({ ...notification, to: null })).rejects.toThrow(new PermanentDeliveryError('The debtor has no e-mail address'));
    const letter = { ...notification, channel: 'letter' as const, to: null, from: demoCreditorProfile.creditor, envelopeName: null, timeZone: 'UTC' };
    await expect(sender.send(letter)).rejects.toBeInstanceOf(PermanentDeliveryError);
    expect(await readFile(path, 'utf8').catch(() => '')).toBe('');
  });

  it('keeps no address or message it has no debtor to seal them for', async () => {
    await new FileNotificationSender(path, vault, clock).send({ ...notification, dataSubject: null });
    expect((await logged())[0]).toMatchObject({ id: 'n-1', to: null, content: null });
  });
});
