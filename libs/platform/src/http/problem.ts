import { HttpException } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

/** One entry per bad field of a malformed request. */
export interface FieldError {
  field: string;
  messages: string[];
}

/** RFC 9457 problem details, plus the stable machine-readable `code` every error carries here. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const problemType = (code: string) => `urn:problem:arrears:${code.toLowerCase().replace(/_/g, '-')}`;

/**
 * An error that already knows its HTTP answer. Anything of the API's own making that is not a domain
 * or event-store error (bad Idempotency-Key reuse, a malformed header…) is thrown as one of these.
 */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    readonly title: string,
    detail: string,
    readonly extensions: Record<string, unknown> = {},
    /** Response headers that go with the answer, such as Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail, status);
  }
}

/** The problem details an exception stands for, as every answer writes them. */
export function problemOf(status: number, code: string, title: string, detail: string, extensions: Record<string, unknown> = {}): ProblemDetails {
  return { ...extensions, type: problemType(code), title, status, detail, code };
}

/**
 * Answers with a problem from outside Nest's exception filter: Fastify's router, body parsers and
 * hooks, which run before a route's handler exists.
 */
export function sendProblem(reply: FastifyReply, error: ProblemException, instance: string): void {
  const problem = { ...problemOf(error.getStatus(), error.code, error.title, error.message, error.extensions), instance };
  void reply.status(problem.status).headers(error.headers).header('content-type', 'application/problem+json').send(problem);
}
