import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { DomainError } from '@arrears/domain';
import { DuplicateEventIdError, WrongExpectedVersionError } from '@arrears/event-store';
import { UnopenableEventError } from '@arrears/personal-data';
import { isStoreUnavailable, ProblemException, problemOf as problem, storeRetryAfterSeconds, type ProblemDetails } from '@arrears/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const domainStatus = { not_found: 404, conflict: 409, rule: 422, forbidden: 403, stale_revision: 412 } as const;

/**
 * Fastify's own refusals (bad JSON, too large, wrong media type) reach us as plain HttpExceptions
 * (Nest drops Fastify's error code on the way), so they are told apart by status and message.
 */
function httpCode(status: number, message: string): string {
  if (status === 404) return 'ROUTE_NOT_FOUND';
  if (status === 413) return 'BODY_TOO_LARGE';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (status === 400 && /JSON/i.test(message)) return 'MALFORMED_JSON';
  return status === 400 ? 'BAD_REQUEST' : `HTTP_${status}`;
}

/**
 * The one place errors become HTTP answers: RFC 9457 problem details with a stable `code`.
 * A client's mistake is a 4xx with a reason; only our own faults are 500s, and those are logged.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(thrown: unknown, host: ArgumentsHost): void {
    const error = isStoreUnavailable(thrown) ? this.storeUnavailable(thrown) : thrown;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = { ...this.toProblem(error), instance: request.url };
    if ((problem.status >= 500 && !(error instanceof ProblemException)) || error instanceof UnopenableEventError) {
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
    if (error instanceof ProblemException) void reply.headers(error.headers);
    void reply.status(problem.status).header('content-type', 'application/problem+json').send(problem);
  }

  /** A store that cannot be reached is no fault of the request: 503, to be retried as it is. */
  private storeUnavailable(error: unknown): ProblemException {
    this.logger.warn(`A store cannot be reached: ${error instanceof Error ? error.message : String(error)}`);
    return new ProblemException(
      503,
      'STORE_UNAVAILABLE',
      'Service unavailable',
      'A store cannot be reached right now; retry shortly.',
      {},
      {
        'retry-after': String(storeRetryAfterSeconds),
      },
    );
  }

  private toProblem(error: unknown): ProblemDetails {
    if (error instanceof ProblemException) {
      return problem(error.getStatus(), error.code, error.title, error.message, error.extensions);
    }
    if (error instanceof DomainError) {
      const status = domainStatus[error.kind];
      return problem(status, error.code, titles[status] ?? 'Refused', error.message, error.details);
    }
    if (error instanceof WrongExpectedVersionError) {
      return problem(409, 'CONCURRENCY_CONFLICT', 'Conflict', 'The account kept changing while this command ran; try again.');
    }
    if (error instanceof DuplicateEventIdError) {
      // Left only when event ids collide with events that are not this request's first try's (whose
      // answer the command service gives back instead): the client's doing, never a 500.
      return problem(409, 'EVENT_ID_CONFLICT', 'Conflict', 'An event of this request reuses the id of an event already stored elsewhere.');
    }
    if (error instanceof UnopenableEventError) {
      // Written past the edge (an altered tag, an opening without its debtor): the history cannot be folded
      // until a person looks at it. Logged as an error with the event's position (the answer may go to a debtor,
      // who has no business with the log), answered as the state of the account, not a fault.
      return problem(409, 'HISTORY_UNREADABLE', 'Conflict', 'The history holds an event whose sealed data cannot be opened; it waits for a person.');
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      return problem(status, httpCode(status, error.message), titles[status] ?? 'Error', error.message);
    }
    return problem(500, 'INTERNAL_ERROR', 'Internal error', 'Something went wrong on our side; it has been logged.');
  }
}

const titles: Record<number, string> = {
  400: 'The request is malformed',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Request body too large',
  415: 'Unsupported media type',
  422: 'Refused by a business rule',
};
