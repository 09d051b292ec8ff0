import { createHash } from 'node:crypto';
import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { ProblemException } from '@arrears/platform';

/**
 * Rate limits per bearer token (by its hash: the token itself is never kept), or per client address
 * for requests without one. Runs before authentication, so a flood is refused before any signature
 * is checked. A refusal is a 429 problem with Retry-After.
 */
@Injectable()
export class PerTokenThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: { headers: Record<string, unknown>; ip?: string }): Promise<string> {
    const authorization = request.headers.authorization;
    if (typeof authorization === 'string' && authorization !== '') {
      return `token:${createHash('sha256').update(authorization).digest('base64url')}`;
    }
    return `address:${request.ip ?? 'unknown'}`;
  }

  /** One count per token over every route (the library's default keys it by route as well). */
  protected override generateKey(_context: ExecutionContext, tracker: string): string {
    return tracker;
  }

  protected override async throwThrottlingException(_context: ExecutionContext, limit: ThrottlerLimitDetail): Promise<void> {
    const retryAfter = Math.max(1, Math.ceil(limit.timeToBlockExpire));
    throw new ProblemException(
      429,
      'RATE_LIMITED',
      'Too many requests',
      `More than ${limit.limit} requests in ${limit.ttl / 1000} s with this token; try again in ${retryAfter} s.`,
      { limit: limit.limit, windowSeconds: limit.ttl / 1000, retryAfterSeconds: retryAfter },
      { 'retry-after': String(retryAfter) },
    );
  }
}
