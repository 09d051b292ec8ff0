import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { exitOnStartFailure, loadConfig } from '@arrears/platform';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { AppModule } from './app.module';
import { openApiDocument } from './http/openapi-document';

const output = resolve(process.argv[2] ?? 'dist/openapi.json');

/**
 * `npm run openapi`: writes the OpenAPI document to dist/openapi.json without a database or a socket.
 * Nest's preview mode builds the module graph (every controller and its decorators) without
 * instantiating a provider, so nothing connects; the secret only satisfies the configuration.
 */
async function main(): Promise<void> {
  const config = loadConfig({ AUTH_JWT_SECRET: 'document-only-never-verifies-a-token' });
  const app = await NestFactory.create(AppModule.forRoot(config), new FastifyAdapter(), { preview: true, logger: false, abortOnError: false });
  const document = openApiDocument(app);
  await mkdir(dirname(output), { recursive: true });
  await writeFile(output, `${JSON.stringify(document, null, 2)}\n`);
  process.stdout.write(`Wrote ${output}\n`);
}

main().catch((error: unknown) => exitOnStartFailure('OpenAPI', error));
