import 'reflect-metadata';
import { exitOnStartFailure } from '@arrears/platform';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { documentWithoutStores } from './http/document-only';

const output = resolve(process.argv[2] ?? 'dist/openapi.json');

/** `npm run openapi`: writes the OpenAPI document to dist/openapi.json (or the path given), with no database or socket. */
async function main(): Promise<void> {
  const document = await documentWithoutStores();
  await mkdir(dirname(output), { recursive: true });
  await writeFile(output, `${JSON.stringify(document, null, 2)}\n`);
  process.stdout.write(`Wrote ${output}\n`);
}

main().catch((error: unknown) => exitOnStartFailure('OpenAPI', error));
