import { Logger, type PipeTransform } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { correlationHeader, correlationIdOf, JsonLogger, jsonLogger, logRequests, Metrics, strictValidationPipe, type AppConfig } from '@arrears/platform';
import { AppModule, commandControllers, globalGuards, type AppOverrides } from './app.module';
import { AccountCommandsRunner } from './command-handling/account-commands.runner';
import { CommandResponses } from './command-handling/command-responses';
import { commandRoutes } from './command-handling/command-routes';
import { answerCommandsDirectly, type RequestPipeline } from './command-handling/direct-command-routes';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { loadOrCreateSigningSecret, signingSecretFile } from './auth/signing-secret';
import { clientErrorHandler, frameworkErrors, guardEdgeInput } from './http/edge-input';
import { openApiDocument } from './http/openapi-document';
import { sendSecurityHeaders } from './http/security-headers';
import { acceptLedgerFiles } from './imports/ledger-upload';
import { acceptOptOutForms } from './notices/opt-out-form';
import { testCheckoutFormRoutes } from './online-payments/test-checkout.controller';
import { keepRawWebhookBodies } from './online-payments/webhook-body';
import { identityProviderOrigins, serveConsole } from './console/console-site';
import { servePortal } from './portal/portal-site';

/**
 * Builds the HTTP application (not yet listening): Fastify, security headers, CORS only for the
 * configured origins, strict validation, problem details, OpenAPI at /docs. Shared by main.ts and the
 * end-to-end tests.
 */
export async function createApp(configured: AppConfig, overrides: AppOverrides = {}): Promise<NestFastifyApplication> {
  const { config, note } = await withTokenVerification(configured);
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: correlationIdOf,
    frameworkErrors,
    clientErrorHandler,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, overrides), adapter, {
    // Held until the JSON logger is in place, so that every line of the process is JSON.
    bufferLogs: true,
    // JSON only: Fastify's own JSON parser stays (behind a depth check: http/edge-input.ts); Nest's form parser is not added and Fastify's
    // text/plain one is removed, so any other body is a 415 rather than a confusing field list.
    bodyParser: false,
    // A failed start reaches main.ts, which logs it as JSON and exits 1, instead of process.abort().
    abortOnError: false,
  });
  const logger = jsonLogger(config, overrides.logDestination);
  app.useLogger(new JsonLogger(logger));
  if (note) new Logger('Auth').log(note);
  const fastify = app.getHttpAdapter().getInstance();
  const validation = strictValidationPipe();
  answerCommandsDirectly(fastify, commandRoutes(commandControllers), () => requestPipeline(app, config, validation));
  fastify.removeContentTypeParser('text/plain');
  guardEdgeInput(fastify);
  acceptLedgerFiles(fastify);
  acceptOptOutForms(fastify, testCheckoutFormRoutes);
  keepRawWebhookBodies(fastify);
  // The request id is the correlation id: the log lines, the events' metadata and the client's copy
  // of it in the answer are the same.
  logRequests(fastify, logger);
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(correlationHeader, request.id);
    done();
  });
  const metrics = app.get(Metrics);
  // Timed by route pattern, never by URL: ids would make every account its own series.
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.httpDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: reply.statusCode },
      reply.elapsedTime / 1000,
    );
    done();
  });
  sendSecurityHeaders(fastify, { contentSecurityPolicy: { directives: swaggerUiPolicy } });
  // The web console's static pages at /console, under a policy of their own (connect-src 'self', no inline script).
  await serveConsole(fastify, { connectTo: identityProviderOrigins(config.auth) });
  // The debtor's portal at /portal, likewise (its API is under /portal/api, routed by Nest).
  await servePortal(fastify);
  // Off unless configured: without CORS headers a browser keeps other sites' pages from calling us.
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins,
      allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-match'],
      exposedHeaders: ['etag', 'retry-after'],
      maxAge: 600,
    });
  }
  app.useGlobalPipes(validation);
  const document = openApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}

/** The guards, pipes and filter Nest runs around every route, as this application has them. */
function requestPipeline(app: NestFastifyApplication, config: AppConfig, validation: PipeTransform): RequestPipeline {
  return {
    guards: globalGuards(config).map((guard) => app.get(guard)),
    pipes: [validation],
    filter: app.get(ProblemDetailsFilter),
    runner: app.get(AccountCommandsRunner),
    responses: app.get(CommandResponses),
  };
}

/** Helmet's strict defaults, but for what Swagger UI at /docs needs: its inline styles and data: images. */
const swaggerUiPolicy = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  frameAncestors: ["'none'"],
  // Not forced to https: the embedded default serves plain HTTP on localhost, where /docs must still load.
  upgradeInsecureRequests: null,
};

/**
 * Tokens are verified with AUTH_JWT_SECRET or AUTH_JWKS_URL. With neither, the embedded default uses
 * a secret it keeps in DATA_DIR (generated on first start) and says how to mint a token; a service on
 * configured stores refuses to start rather than run with a secret nobody chose.
 */
async function withTokenVerification(config: AppConfig): Promise<{ config: AppConfig; note?: string }> {
  if (config.auth.secret || config.auth.jwksUrl) return { config };
  if (config.eventStoreUrl) throw new Error('Set AUTH_JWT_SECRET or AUTH_JWKS_URL: the service verifies a bearer token on every request.');
  const { secret, created } = await loadOrCreateSigningSecret(config.dataDir);
  const note =
    `${created ? 'Generated a token-signing secret' : 'Using the token-signing secret'} in ${signingSecretFile(config.dataDir)}. ` +
    'Mint a token with: npm run token -- --role agent --sub agent-7 --creditor <creditor id>';
  return { config: { ...config, auth: { ...config.auth, secret } }, note };
}
