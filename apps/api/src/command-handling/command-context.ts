import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { CommandContext } from '@arrears/commands';
import { correlationHeader, ProblemException } from '@arrears/platform';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { principalOf } from '../auth/principal';

const headerValue = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

// Read once per request: the idempotency check and the controller see the same context.
const contexts = new WeakMap<FastifyRequest, CommandContext>();

/** The command context: the actor and their creditors from the verified token, the rest from the headers. */
export function readCommandContext(request: FastifyRequest): CommandContext {
  let context = contexts.get(request);
  if (!context) {
    context = parseCommandContext(request);
    contexts.set(request, context);
  }
  return context;
}

function parseCommandContext(request: FastifyRequest): CommandContext {
  // The request id is the correlation id (see correlationIdOf): the client's, when well-formed, else a new
  // one. The request's log lines carry it too, so a command's events lead to its logs.
  const correlationId = request.id;
  const given = headerValue(request, correlationHeader);
  const principal = principalOf(request);
  const key = headerValue(request, 'idempotency-key');
  const ifMatch = headerValue(request, 'if-match');
  const bad = (header: string, detail: string) => new ProblemException(400, 'INVALID_HEADER', 'The request is malformed', detail, { header });
  if (given !== undefined && given !== correlationId) throw bad('X-Correlation-Id', 'X-Correlation-Id must be 1–128 letters, digits or ._:@-');
  if (key !== undefined && !/^[\x21-\x7e]{1,255}$/.test(key)) throw bad('Idempotency-Key', 'Idempotency-Key must be 1–255 visible ASCII characters.');
  return {
    correlationId,
    causationId: randomUUID(),
    actor: { id: principal.id, role: principal.role },
    creditors: principal.creditors,
    // The subject may hold ':' and so may the key: escaped in the subject, the first ':' always parts them.
    idempotencyKey: key === undefined ? undefined : `${principal.id.replaceAll(':', '%3A')}:${key}`,
    expectedRevision: ifMatch === undefined ? undefined : parseIfMatch(ifMatch, bad),
  };
}

/** `If-Match: "3"` (an ETag as we send it), also `W/"3"` or a bare `3`. */
function parseIfMatch(value: string, bad: (header: string, detail: string) => Error): bigint {
  const match = /^(?:W\/)?"?(\d{1,18})"?$/.exec(value.trim());
  if (!match?.[1]) throw bad('If-Match', 'If-Match must be a revision as returned in ETag, e.g. "3".');
  return BigInt(match[1]);
}

/** `@Context() context: CommandContext` in a controller. */
export const Context = createParamDecorator((_: unknown, ctx: ExecutionContext) => readCommandContext(ctx.switchToHttp().getRequest<FastifyRequest>()));
