import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { OperationObject, ParameterObject, ResponseObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { accessTo, publicRoute } from '../auth/access-matrix';
import { FieldErrorResponse, ProblemDetails } from './problem-details.response';

/** The name of the bearer security scheme every route but the public ones requires. */
export const bearerScheme = 'bearer';

/**
 * The OpenAPI document of the application's routes: what their decorators declare, plus what the edge
 * answers on every route (the answers below), which no route repeats. Served at /docs, written to
 * dist/openapi.json by `npm run openapi`, and every e2e request and response is checked against it.
 */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Arrears')
    .setDescription(
      'Event-sourced collections: accounts, invoices, payments, plans as immutable events. Amounts are integers in minor units ' +
        '(cents) of the account’s currency. Errors are RFC 9457 problem details (`application/problem+json`) with a stable `code`. ' +
        'Commands answer where their events landed (revision, also the ETag; position, for a read’s `minPosition`).',
    )
    .setVersion('0.1.0')
    .setLicense('Apache-2.0', 'https://www.apache.org/licenses/LICENSE-2.0')
    .addServer('/', 'This service')
    .addTag('accounts', 'Opening, assigning, closing accounts and erasing personal data; the account read model')
    .addTag('billing', 'Invoices, missed payments and late fees')
    .addTag('payments', 'Payments and their allocation')
    .addTag('plans', 'Payment plans and their installments')
    .addTag('promises', 'Promises to pay')
    .addTag('interactions', 'Contacts and their outcomes, notes, consents and the validation notice')
    .addTag('disputes', 'Disputes and requests for the original creditor')
    .addTag('restrictions', 'Cease, blocked media, hardship and holds: the debtor’s requests and pauses')
    .addTag('resolutions', 'Settlements, write-offs, agency placements and legal escalation')
    .addTag('worklist', 'The prioritized worklist, and claiming accounts')
    .addTag('audit', 'The events as stored, the audit trail, the hash chain’s check, the account as of a time')
    .addTag('kpis', 'Daily collection KPIs per currency')
    .addTag('notices', 'Message templates, and the debtor’s opt-out link')
    .addTag('notifications', 'Notifications the outbox gave up on')
    .addTag('imports', 'Loading an existing ledger')
    .addTag('operations', 'Health, metrics and parked events')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A token from `npm run token` or the identity provider.' }, bearerScheme)
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ProblemDetails, FieldErrorResponse] });
  document.components = { ...document.components, headers: sharedHeaders, parameters: sharedParameters };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'post'] as const) {
      const operation = item[method];
      if (operation) withEdgeAnswers(operation, method.toUpperCase(), path);
    }
  }
  return document;
}

const problemContent = { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } };
const ref = (kind: 'headers' | 'parameters', name: string) => ({ $ref: `#/components/${kind}/${name}` });

const sharedHeaders = {
  'X-Correlation-Id': {
    description: 'The request’s correlation id (the one sent, or one generated): in the logs and every event’s metadata.',
    schema: { type: 'string' },
  },
  'WWW-Authenticate': { description: 'The scheme to authenticate with.', schema: { type: 'string', example: 'Bearer realm="arrears"' } },
  'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer', minimum: 0 } },
  ETag: { description: 'The account’s revision after the command, quoted: send it back as If-Match.', schema: { type: 'string', example: '"3"' } },
  'Idempotent-Replayed': {
    description: '`true` when this is the stored answer to an earlier request with the same Idempotency-Key (nothing was appended).',
    schema: { type: 'string', enum: ['true'] },
  },
};

const sharedParameters: Record<string, ParameterObject> = {
  'X-Correlation-Id': {
    name: 'X-Correlation-Id',
    in: 'header',
    required: false,
    description: 'Carried into the logs and every event’s metadata; generated when absent.',
    schema: { type: 'string', maxLength: 128 },
  },
};

/** What every route can answer besides its own, by who answers it. */
const edgeAnswers = {
  400: 'Malformed request (`VALIDATION_FAILED`, one entry per bad field; `MALFORMED_JSON`, `JSON_TOO_DEEP`, `INVALID_HEADER`, `BAD_URL`).',
  401: 'No valid bearer token (`UNAUTHENTICATED`).',
  403: 'The token’s role may not call this route (`ROLE_NOT_ALLOWED`), or it may not act for the creditor named.',
  413: 'The body is larger than the limit (`BODY_TOO_LARGE`).',
  415: 'A body that is not JSON (`UNSUPPORTED_MEDIA_TYPE`).',
  429: 'Too many requests from this caller (`RATE_LIMITED`); see Retry-After.',
  503: 'A store cannot be reached right now (`STORE_UNAVAILABLE`); see Retry-After.',
} as const;

/** Probes and the scrape target are not rate-limited (@SkipThrottle on their controllers). */
const unthrottled = /^\/(health|metrics)(\/|$)/;
/** Routes that touch no store. */
const storeless = new Set(['GET /health/live', 'GET /metrics', 'GET /templates']);

/**
 * Adds to an operation what the edge answers for it: the bearer scheme and 401/403 unless the access
 * matrix makes it public, 400 for input the edge refuses, 413/415 for a POST's body, 429 where rate
 * limits apply, 503 where a store is read; every error with the ProblemDetails schema, every answer
 * with the correlation id, and each route's own answers kept as they are.
 */
function withEdgeAnswers(operation: OperationObject, method: string, path: string): void {
  const route = `${method} ${path.replace(/\{(\w+)\}/g, ':$1')}`;
  const isPublic = accessTo(method, route.slice(method.length + 1)) === publicRoute;
  operation.security = isPublic ? [] : [{ [bearerScheme]: [] }];
  const statuses = [
    400,
    ...(isPublic ? [] : [401, 403]),
    ...(method === 'POST' ? [413, 415] : []),
    ...(unthrottled.test(path) ? [] : [429]),
    ...(storeless.has(route) ? [] : [503]),
  ] as (keyof typeof edgeAnswers)[];
  const responses = operation.responses as Record<string, ResponseObject>;
  for (const status of statuses) if (!(status in responses)) responses[status] = { description: edgeAnswers[status] };
  for (const [status, response] of Object.entries(responses)) {
    // A text answer (CSV, HTML, Prometheus's exposition) is a string, whatever the JSON one's schema.
    const { content = {} } = response;
    for (const type of Object.keys(content)) if (type.startsWith('text/')) content[type] = { schema: { type: 'string' } };
    if (Number(status) >= 400) {
      response.content = problemContent;
      if (status === '429' || status === '503') response.headers = { ...response.headers, 'Retry-After': ref('headers', 'Retry-After') };
      if (status === '401') response.headers = { ...response.headers, 'WWW-Authenticate': ref('headers', 'WWW-Authenticate') };
    }
    response.headers = { ...response.headers, 'X-Correlation-Id': ref('headers', 'X-Correlation-Id') };
  }
  operation.parameters = [...(operation.parameters ?? []), ref('parameters', 'X-Correlation-Id')];
}
