import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * A secret kept in a file readable by this user only: read, or generated (48 random bytes,
 * base64url) on first use. Two processes racing to create it end up with the same one. Never logged.
 */
export async function loadOrCreateSecretFile(file: string): Promise<{ secret: string; created: boolean }> {
  const existing = await readFile(file, 'utf8').catch(() => undefined);
  if (existing?.trim()) return { secret: existing.trim(), created: false };
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(48).toString('base64url');
  const created = await writeFile(file, `${secret}\n`, { mode: 0o600, flag: 'wx' }).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
      return false; // another process won the race: use its secret
    },
  );
  return { secret: (await readFile(file, 'utf8')).trim(), created };
}
