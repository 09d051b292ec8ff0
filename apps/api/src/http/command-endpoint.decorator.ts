import { applyDecorators, HttpCode, Post, type Type } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { ApiProblems } from './api-problems.decorator';

/**
 * A command route: POST, its success answer, and the headers and problem answers every command
 * shares (what every command goes through is CommandResponses, called by the route's handler).
 */
export function CommandEndpoint(path: string, options: { summary: string; status: 200 | 201; response: Type<unknown> }) {
  return applyDecorators(
    Post(path),
    HttpCode(options.status),
    ApiOperation({ summary: options.summary }),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'A retry with the same key and body returns the first response and appends nothing.',
      schema: { type: 'string', minLength: 1, maxLength: 255 },
    }),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'The revision (ETag) last seen: the command runs only if the account is still there.',
      schema: { type: 'string', example: '"3"' },
    }),
    ApiResponse({
      status: options.status,
      type: options.response,
      description: 'Done: where the events landed. ETag carries the new revision.',
      headers: { ETag: { $ref: '#/components/headers/ETag' }, 'Idempotent-Replayed': { $ref: '#/components/headers/Idempotent-Replayed' } },
    }),
    ApiProblems({
      400: 'Malformed request: one entry per bad field (`errors`), unknown fields included; or a malformed Idempotency-Key or If-Match (`INVALID_HEADER`).',
      404: 'Unknown account (or invoice, promise, plan…), or an account of a creditor the token may not act for.',
      409: 'Conflict: a duplicate id, a once-only step taken already, an Idempotency-Key reused for another request or still running, or a history holding an event that cannot be opened (`HISTORY_UNREADABLE`).',
      412: 'If-Match named a revision the account is no longer at (`WRONG_EXPECTED_REVISION`).',
      422: 'Refused by a business rule; `code` names the rule (a refused contact also gives `refusals` and `allowedFrom`).',
    }),
  );
}
