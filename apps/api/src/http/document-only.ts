import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { loadConfig } from '@arrears/platform';
import { AppModule } from '../app.module';
import { openApiDocument } from './openapi-document';

/**
 * The OpenAPI document without a database or a socket: Nest's preview mode builds the module graph
 * (every controller and its decorators) without instantiating a provider, so nothing connects. The
 * secret only satisfies the configuration; no token is ever verified with it.
 */
export async function documentWithoutStores(): Promise<OpenAPIObject> {
  const config = loadConfig({ AUTH_JWT_SECRET: 'document-only-never-verifies-a-token' });
  const app = await NestFactory.create(AppModule.forRoot(config), new FastifyAdapter(), { preview: true, logger: false, abortOnError: false });
  try {
    return openApiDocument(app);
  } finally {
    await app.close();
  }
}
