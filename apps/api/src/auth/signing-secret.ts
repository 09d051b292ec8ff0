import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where the embedded default keeps the secret it generated. */
export const signingSecretFile = (dataDir: string) => join(dataDir, 'auth', 'jwt-secret');

/**
 * The embedded default's HS256 secret: read from `DATA_DIR`, or generated there on first start
 * (readable by this user only). Never logged.
 */
export async function loadOrCreateSigningSecret(dataDir: string): Promise<{ secret: string; created: boolean }> {
  const file = signingSecretFile(dataDir);
  const existing = await readFile(file, 'utf8').catch(() => undefined);
  if (existing?.trim()) return { secret: existing.trim(), created: false };
  await mkdir(join(dataDir, 'auth'), { recursive: true, mode: 0o700 });
  const secret = randomBytes(48).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600, flag: 'wx' }).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error; // another process won the race: use its secret
  });
  return { secret: (await readFile(file, 'utf8')).trim(), created: true };
}
