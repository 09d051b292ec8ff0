import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, tap, type Observable } from 'rxjs';
import { CommandsInFlight } from './commands-in-flight';
import { IdempotentRequests } from './idempotent-requests';

/**
 * What every command goes through: it is counted as in flight until done (so shutdown waits for it),
 * a retry with the same Idempotency-Key is answered with the first response, and the account's new
 * revision is also sent as the ETag, for a later If-Match.
 */
@Injectable()
export class CommandResponseInterceptor implements NestInterceptor {
  constructor(
    private readonly idempotency: IdempotentRequests,
    private readonly inFlight: CommandsInFlight,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    return from(this.inFlight.track(this.respond(context, request, next)));
  }

  private async respond(context: ExecutionContext, request: FastifyRequest, next: CallHandler): Promise<unknown> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const statusCode = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
    const response = await this.idempotency.respond(request, reply, statusCode, () => next.handle());
    return lastValueFrom(
      response.pipe(
        tap((body) => {
          const revision = (body as { revision?: unknown } | null)?.revision;
          if (typeof revision === 'number') void reply.header('etag', `"${revision}"`);
        }),
      ),
    );
  }
}
