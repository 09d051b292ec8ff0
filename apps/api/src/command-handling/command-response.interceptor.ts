import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { tap, type Observable } from 'rxjs';
import { IdempotentRequests } from './idempotency/idempotent-requests';

/**
 * What every command response goes through: a retry with the same Idempotency-Key is answered with
 * the first response, and the account's new revision is also sent as the ETag, for a later If-Match.
 */
@Injectable()
export class CommandResponseInterceptor implements NestInterceptor {
  constructor(
    private readonly idempotency: IdempotentRequests,
    private readonly reflector: Reflector,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    if (request.method !== 'POST') return next.handle();
    const statusCode = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
    const response = await this.idempotency.respond(request, reply, statusCode, () => next.handle());
    return response.pipe(
      tap((body) => {
        const revision = (body as { revision?: unknown } | null)?.revision;
        if (typeof revision === 'number') void reply.header('etag', `"${revision}"`);
      }),
    );
  }
}
