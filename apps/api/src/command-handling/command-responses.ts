import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommandsInFlight } from './commands-in-flight';
import { IdempotentRequests } from './idempotent-requests';

/**
 * What every command goes through, called by its route's handler (plain promises: an interceptor's
 * observables cost every command for nothing): it is counted as in flight until done (so shutdown
 * waits for it), a retry with the same Idempotency-Key is answered with the first response, and the
 * account's new revision is also sent as the ETag, for a later If-Match.
 */
@Injectable()
export class CommandResponses {
  constructor(
    private readonly idempotency: IdempotentRequests,
    private readonly inFlight: CommandsInFlight,
  ) {}

  respond(request: FastifyRequest, reply: FastifyReply, statusCode: number, handle: () => Promise<unknown>): Promise<unknown> {
    return this.inFlight.track(this.answer(request, reply, statusCode, handle));
  }

  private async answer(request: FastifyRequest, reply: FastifyReply, statusCode: number, handle: () => Promise<unknown>): Promise<unknown> {
    const body = await this.idempotency.respond(request, reply, statusCode, handle);
    const revision = (body as { revision?: unknown } | null)?.revision;
    if (typeof revision === 'number') void reply.header('etag', `"${revision}"`);
    return body;
  }
}
