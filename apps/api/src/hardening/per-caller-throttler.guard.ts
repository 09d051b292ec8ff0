import { Injectable, type ExecutionContext } from '@nestjs/common';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerRequest,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { ProblemException } from '@arrears/platform';
import type { FastifyRequest } from 'fastify';
import { TokenVerifier } from '../auth/token-verifier';
import { RememberingReflector } from './remembering-reflector';

/**
 * Rate limits per verified subject, and per client address (see TRUST_PROXY) for everything else.
 * A token already verified counts for its subject alone: a map lookup. Any other request counts for
 * its address first, so a flood of junk tokens (each one new) is refused before any signature is
 * checked; a request that passes and carries a token has it verified here (the auth guard then finds
 * it cached) and counts for its subject too. A refusal is a 429 problem with Retry-After. A route's
 * own settings (@SkipThrottle) are read once, not on every request (see RememberingReflector).
 */
@Injectable()
export class PerCallerThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    private readonly tokens: TokenVerifier,
  ) {
    super(options, storage, new RememberingReflector());
  }

  protected override async handleRequest(props: ThrottlerRequest): Promise<boolean> {
    const request = props.context.switchToHttp().getRequest<FastifyRequest>();
    const authorization = request.headers.authorization;
    const known = this.tokens.cachedSubject(authorization);
    if (known) return this.count(props, `subject:${known}`);
    await this.count(props, `address:${request.ip}`);
    if (!authorization) return true;
    // An invalid token is the auth guard's to refuse (401); it has used its address's budget already.
    const principal = await this.tokens.verify(authorization).catch(() => undefined);
    return principal ? this.count(props, `subject:${principal.id}`) : true;
  }

  private count(props: ThrottlerRequest, tracker: string): Promise<boolean> {
    return super.handleRequest({ ...props, getTracker: () => Promise.resolve(tracker) });
  }

  /** One count per caller over every route (the library's default keys it by route as well). */
  protected override generateKey(_context: ExecutionContext, tracker: string): string {
    return tracker;
  }

  protected override throwThrottlingException(_context: ExecutionContext, limit: ThrottlerLimitDetail): Promise<void> {
    const retryAfter = Math.max(1, Math.ceil(limit.timeToBlockExpire));
    throw new ProblemException(
      429,
      'RATE_LIMITED',
      'Too many requests',
      `More than ${limit.limit} requests in ${limit.ttl / 1000} s from this caller; try again in ${retryAfter} s.`,
      { limit: limit.limit, windowSeconds: limit.ttl / 1000, retryAfterSeconds: retryAfter },
      { 'retry-after': String(retryAfter) },
    );
  }
}
