import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** The secret a file holds (trimmed), or undefined when there is no such file or it is empty. */
export async function readSecretFile(file: string): Promise<string | undefined> {
  const existing = await readFile(file, 'utf8').catch(() => undefined);
  return existing?.trim() || undefined;
}

/**
 * A secret the embedded default keeps in `DATA_DIR`: read from its file, or generated there on first
 * start (readable by this user only). Never logged.
 */
export async function loadOrCreateSecretFile(file: string): Promise<{ secret: string; created: boolean }> {
  const existing = await readSecretFile(file);
  if (existing) return { secret: existing, created: false };
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(48).toString('base64url');
  const created = await writeFile(file, `${secret}\n`, { mode: 0o600, flag: 'wx' }).then(
    () => true,
    (error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      return false; // another process won the race: use its secret
    },
  );
  return { secret: (await readFile(file, 'utf8')).trim(), created };
}
