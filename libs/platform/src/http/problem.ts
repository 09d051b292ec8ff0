import { HttpException } from '@nestjs/common';

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

export const problemType = (code: string) => `urn:problem:arrears:${code.toLowerCase().replace(/_/g, '-')}`;

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
