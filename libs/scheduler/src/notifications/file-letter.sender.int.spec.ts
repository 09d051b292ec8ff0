import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoCreditorProfile } from '@arrears/domain';
import { FixedClock } from '@arrears/platform';
import { clearPartOf } from '@arrears/testing';
import { LocalKeyEncryption, PersonalDataVault, PostgresKeyStore, type KeyStore } from '@arrears/personal-data';
import { createTestDatabase } from '../../../../test/setup/test-database';
import { FileLetterSender, letterFile, openLetter } from './file-letter.sender';
import { PermanentDeliveryError, type LetterNotification } from './notification.port';

describe('letters to the hand-over folder', () => {
  let keys: KeyStore;
  let vault: PersonalDataVault;
  let folder: string;
  const clock = new FixedClock(new Date('2026-04-02T15:00:00Z'));
  beforeAll(async () => {
    keys = await PostgresKeyStore.connect(await createTestDatabase(), new LocalKeyEncryption('the-key-encryption-key-of-32-characters'));
  });
  afterAll(() => keys.close());
  beforeEach(async () => {
    vault = new PersonalDataVault(keys);
    folder = join(await mkdtemp(join(tmpdir(), 'arrears-letters-')), 'letters');
  });

  const collector = demoCreditorProfile.collector!;
  const letter = (debtor: string, id = 'acc-1:inv-1:final-notice'): LetterNotification => ({
    id,
    channel: 'letter',
    to: { name: 'Ada Lovelace', address: { lines: ['12 Analytical Row'], city: 'Albany', region: 'NY', postalCode: '12207', country: 'US' } },
    from: collector,
    timeZone: 'America/New_York',
    envelopeName: null,
    dataSubject: `cred-1/${debtor}`,
    subject: 'Final notice: invoice inv-1',
    body: 'Invoice inv-1 remains unpaid.',
  });

  it('writes a printable letter to the postal address, with the collector’s return address (no name: 1006.22(f)(2)), sealed in a file of its own', async () => {
    await new FileLetterSender(folder, vault, clock).send(letter('D-1'));
    const file = letterFile(folder, 'acc-1:inv-1:final-notice');
    const stored = await readFile(file, 'utf8');
    expect(JSON.parse(stored)).toEqual({
      id: 'acc-1:inv-1:final-notice',
      subject: 'Final notice: invoice inv-1',
      letter: { keyId: expect.any(String), iv: expect.any(String), data: expect.any(String), tag: expect.any(String) },
      handedOverAt: '2026-04-02T15:00:00.000Z',
    });
    for (const clear of ['Ada', 'Lovelace', 'Analytical', 'Albany']) expect(clearPartOf(JSON.parse(stored))).not.toContain(clear);
    const html = await openLetter(file, vault);
    expect(html).toContain('<div class="recipient">Ada Lovelace<br>12 Analytical Row<br>Albany, NY 12207<br>US</div>');
    expect(html).toContain(`<div class="return">${collector.address.lines[0]}<br>Springfield, IL 62701<br>US</div>`);
    expect(html).toContain(`<div class="sender">${collector.name}<br>${collector.phone}<br>${collector.email}<br>${collector.website}</div>`);
    expect(html).toContain('<h1>Final notice: invoice inv-1</h1>');
    expect(html).toContain('<p>Invoice inv-1 remains unpaid.</p>');
  });

  it('dates the letter by the debtor’s calendar: at 22:00 in New York it is still that day there', async () => {
    await new FileLetterSender(folder, vault, new FixedClock(new Date('2026-04-03T02:00:00Z'))).send(letter('D-6'));
    const html = await openLetter(letterFile(folder, 'acc-1:inv-1:final-notice'), vault);
    expect(html).toContain('<div class="date">2026-04-02</div>');
  });

  it('names the sender on the envelope where it may: a creditor collecting its own debts', async () => {
    await new FileLetterSender(folder, vault, clock).send({ ...letter('D-5'), envelopeName: 'Example Utility Co' });
    const html = await openLetter(letterFile(folder, 'acc-1:inv-1:final-notice'), vault);
    expect(html).toContain(`<div class="return">Example Utility Co<br>${collector.address.lines[0]}`);
  });

  it('hands each letter over once by id, also across a restart', async () => {
    await new FileLetterSender(folder, vault, clock).send(letter('D-2'));
    const restarted = new FileLetterSender(folder, vault, new FixedClock(new Date('2026-04-03T00:00:00Z')));
    await restarted.send(letter('D-2'));
    await restarted.send(letter('D-2', 'acc-1:inv-2:final-notice'));
    expect((await readdir(folder)).sort()).toEqual(['acc-1%3Ainv-1%3Afinal-notice.letter.json', 'acc-1%3Ainv-2%3Afinal-notice.letter.json']);
    expect(JSON.parse(await readFile(letterFile(folder, 'acc-1:inv-1:final-notice'), 'utf8'))).toMatchObject({ handedOverAt: '2026-04-02T15:00:00.000Z' });
  });

  it('leaves nothing readable once the debtor is erased', async () => {
    await new FileLetterSender(folder, vault, clock).send(letter('D-3'));
    expect(await vault.forget('cred-1', 'D-3')).toBe(1);
    expect(await openLetter(letterFile(folder, 'acc-1:inv-1:final-notice'), vault)).toBeUndefined();
  });

  it('refuses for good a letter without a postal address, writing nothing', async () => {
    await expect(new FileLetterSender(folder, vault, clock).send({ ...letter('D-4'), to: null })).rejects.toThrow(
      new PermanentDeliveryError('The debtor has no postal address'),
    );
    expect(await readdir(folder).catch(() => [])).toEqual([]);
  });
});
