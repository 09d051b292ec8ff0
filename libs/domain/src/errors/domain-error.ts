/**
 * How a refusal should be read: the resource does not exist, the request collides with what already
 * happened (a duplicate id, a second attempt at a once-only step), or a business rule forbids it; and,
 * from the write path around the decider, the caller may not act for the creditor named, or the
 * request was made against a revision of the account that is no longer its last.
 */
export type DomainErrorKind = 'not_found' | 'conflict' | 'rule' | 'forbidden' | 'stale_revision';

/**
 * The one error type the domain throws. `code` is stable and machine-readable; `details` carries
 * what a client needs to correct the request (the expected sum, the first allowed date…).
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: DomainErrorKind,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (code: string, message: string, details?: Record<string, unknown>) => new DomainError(code, 'not_found', message, details);
export const conflict = (code: string, message: string, details?: Record<string, unknown>) => new DomainError(code, 'conflict', message, details);
export const ruleBroken = (code: string, message: string, details?: Record<string, unknown>) => new DomainError(code, 'rule', message, details);
