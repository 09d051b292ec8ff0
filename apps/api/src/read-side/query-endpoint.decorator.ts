import { applyDecorators, type Type } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiProblems, type ProblemStatus } from '../http/api-problems.decorator';

/** What a read of one account answers when there is none the caller may see. */
export const unknownAccount = { 404: 'Unknown account, or one of a creditor the token may not act for (`ACCOUNT_NOT_FOUND`).' } as const;

/** What a read from the event store answers when the account's history holds an event that cannot be opened. */
export const unreadableHistory = {
  409: 'The history holds an event whose sealed data cannot be opened (`HISTORY_UNREADABLE`, its position logged); it waits for a person.',
} as const;

/** A read route's documentation: what it answers (its schema), and the problem answers reads share, or the route's own where it says more. */
export const QueryEndpoint = (summary: string, response: Type<unknown>, problems: Partial<Record<ProblemStatus, string>> = {}) =>
  applyDecorators(
    ApiOperation({ summary }),
    ApiOkResponse({ type: response, description: 'The read model, as of now (or of `minPosition` at least).' }),
    ApiProblems({
      400: 'Malformed parameters: one entry per bad field; `minPosition` past the log’s head; a cursor this list did not return (`INVALID_CURSOR`).',
      503: '`minPosition` not reached within 5 s (`READ_MODEL_BEHIND`), or a store cannot be reached (`STORE_UNAVAILABLE`); see Retry-After.',
      ...problems,
    }),
  );
