import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse } from '@nestjs/swagger';

/** A read route's documentation: what it answers, and the problem answers reads share. */
export const QueryEndpoint = (summary: string) =>
  applyDecorators(
    ApiOperation({ summary }),
    ApiBearerAuth(),
    ApiProduces('application/json', 'application/problem+json'),
    ApiResponse({ status: 200, description: 'The read model (JSON).' }),
    ApiResponse({ status: 400, description: 'Malformed parameters: one entry per bad field.' }),
    ApiResponse({ status: 401, description: 'No valid bearer token.' }),
    ApiResponse({ status: 403, description: "The token's role may not call this route (`ROLE_NOT_ALLOWED`)." }),
    ApiResponse({ status: 404, description: 'Unknown account, or one of a creditor the token may not act for.' }),
    ApiResponse({ status: 503, description: '`minPosition` not reached within 5 s (`READ_MODEL_BEHIND`); see Retry-After.' }),
  );
