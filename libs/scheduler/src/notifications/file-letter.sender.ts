import { dateIn } from '@arrears/domain';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '@arrears/platform';
import type { PersonalDataVault, SealedPersonalData } from '@arrears/personal-data';
import { letterHtml } from './letter';
import { noAddress, notMine, type Notification, type NotificationSender } from './notification.port';

/** A letter in the hand-over folder: the printable HTML, sealed under the debtor's data key. */
export interface HandedOverLetter {
  id: string;
  subject: string;
  /** The HTML page (the debtor's name and address are in it), sealed and bound to the notification id. */
  letter: SealedPersonalData;
  handedOverAt: string;
}

/** One file per letter, named after its notification id. */
export const letterFile = (folder: string, id: string) => join(folder, `${encodeURIComponent(id)}.letter.json`);

/**
 * The default letter adapter (DATA_DIR/letters): a folder of letters ready to print, the hand-over to
 * a print vendor or a mail room. Each letter is written once (a file already there is a letter handed
 * over before a crash). A letter names the debtor and their address, and a file of it outlives any
 * change to the account: it is sealed under the debtor's data key like the file sender's addresses,
 * so that erasing the debtor makes it unreadable; whoever prints opens it with `openLetter`.
 */
export class FileLetterSender implements NotificationSender {
  private ready: Promise<unknown> | undefined;

  constructor(
    private readonly folder: string,
    private readonly vault: PersonalDataVault,
    private readonly clock: Clock,
  ) {}

  async send(notification: Notification): Promise<void> {
    if (notification.channel !== 'letter') throw notMine('The letter folder', notification.channel);
    const { to, dataSubject } = notification;
    if (!to || !dataSubject) throw noAddress('letter');
    await (this.ready ??= mkdir(this.folder, { recursive: true }));
    const file = letterFile(this.folder, notification.id);
    if (await exists(file)) return;
    const now = this.clock.now();
    const html = letterHtml({ ...notification, to }, dateIn(now.toISOString(), notification.timeZone));
    const letter: HandedOverLetter = {
      id: notification.id,
      subject: notification.subject,
      letter: await this.vault.sealValue(dataSubject, html, notification.id),
      handedOverAt: now.toISOString(),
    };
    // Written whole, then renamed into place: a reader (or a restart) never sees half a letter.
    await writeFile(`${file}.tmp`, JSON.stringify(letter));
    await rename(`${file}.tmp`, file);
  }
}

/** The printable HTML of a handed-over letter, or undefined once its debtor was erased. */
export async function openLetter(file: string, vault: PersonalDataVault): Promise<string | undefined> {
  const letter = JSON.parse(await readFile(file, 'utf8')) as HandedOverLetter;
  return (await vault.openValue(letter.letter, letter.id)) as string | undefined;
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    (error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    },
  );
