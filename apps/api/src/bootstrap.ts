import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { problemType, strictValidationPipe, type AppConfig } from '@arrears/platform';
import { randomUUID } from 'node:crypto';
import { AppModule } from './app.module';
import type { BackendsOverrides } from '@arrears/backends';

/**
 * Builds the HTTP application (not yet listening): Fastify, strict validation, problem details,
 * OpenAPI at /docs. Shared by main.ts and the end-to-end tests.
 */
export async function createApp(config: AppConfig, overrides: BackendsOverrides = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    genReqId: () => randomUUID(),
    // URLs Fastify's router refuses before Nest sees them get problem details too.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const status = error.statusCode ?? 400;
      const code = status === 414 ? 'URI_TOO_LONG' : 'BAD_URL';
      void reply
        .status(status)
        .header('content-type', 'application/problem+json')
        .send({ type: problemType(code), title: 'The request is malformed', status, detail: error.message, code, instance: request.url });
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, overrides), adapter, {
    logger: loggerLevels(config.logLevel),
    bufferLogs: false,
    // JSON only: Fastify's own JSON parser stays; Nest's form parser is not added and Fastify's
    // text/plain one is removed, so any other body is a 415 rather than a confusing field list.
    bodyParser: false,
  });
  app.getHttpAdapter().getInstance().removeContentTypeParser('text/plain');
  app.useGlobalPipes(strictValidationPipe());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Arrears')
      .setDescription('Event-sourced collections: accounts, invoices, payments, plans. Errors are RFC 9457 problem details.')
      .setVersion('0.1.0')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}

function loggerLevels(level: AppConfig['logLevel']) {
  const all = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
  const upTo = { error: 1, warn: 2, info: 3, debug: 4 }[level];
  return all.slice(0, upTo) as unknown as ('error' | 'warn' | 'log' | 'debug')[];
}
