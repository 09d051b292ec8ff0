import { applyDecorators, HttpCode, Post, UseInterceptors, type Type } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProduces, ApiResponse } from '@nestjs/swagger';
import { CommandResponseInterceptor } from '../command-handling/command-response.interceptor';

const problemResponses: [number, string][] = [
  [400, 'Malformed request: one entry per bad field (`errors`), unknown fields included.'],
  [401, 'No valid bearer token.'],
  [403, "The token's role may not call this route (`ROLE_NOT_ALLOWED`), or act for this creditor."],
  [404, 'Unknown account (or invoice).'],
  [409, 'Conflict: a duplicate id, a once-only step taken already, or an Idempotency-Key reused for another request.'],
  [412, 'If-Match named a revision the account is no longer at (`WRONG_EXPECTED_REVISION`).'],
  [422, 'Refused by a business rule; `code` names the rule.'],
];

/**
 * A command route: POST, its success answer, the headers and problem answers every command shares,
 * and what every command goes through (CommandResponseInterceptor). Only command routes pay for an
 * interceptor: queries pass straight to their handlers.
 */
export function CommandEndpoint(path: string, options: { summary: string; status: 200 | 201; response: Type<unknown> }) {
  return applyDecorators(
    Post(path),
    HttpCode(options.status),
    UseInterceptors(CommandResponseInterceptor),
    ApiOperation({ summary: options.summary }),
    ApiProduces('application/json', 'application/problem+json'),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key and body returns the first response and appends nothing.' }),
    ApiHeader({ name: 'If-Match', required: false, description: 'The revision (ETag) last seen: the command runs only if the account is still there.' }),
    ApiHeader({ name: 'X-Correlation-Id', required: false, description: 'Carried into every event’s metadata; generated when absent.' }),
    ApiBearerAuth(),
    ApiResponse({ status: options.status, type: options.response, description: 'Done; ETag carries the new revision.' }),
    ...problemResponses.map(([status, description]) => ApiResponse({ status, description })),
  );
}
