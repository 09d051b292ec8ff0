import { join } from 'node:path';
import { loadOrCreateSecretFile } from '@arrears/platform';
import { stackSecrets } from './stack-secrets';

/**
 * `node dist/apps/api/src/secrets.js <folder>`: generates each of the stack's secrets that the folder
 * does not hold yet, and keeps the ones it does. docker-compose.yml runs it before the services that
 * read them, so `docker compose up` starts with secrets nobody typed and nobody else knows.
 */
async function main(): Promise<void> {
  const folder = process.argv[2];
  if (!folder) throw new Error('Usage: node dist/apps/api/src/secrets.js <folder>');
  for (const [name, variable] of Object.entries(stackSecrets)) {
    const { created } = await loadOrCreateSecretFile(join(folder, name));
    process.stdout.write(`${created ? 'generated' : 'kept'} ${join(folder, name)} (for ${variable})\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
