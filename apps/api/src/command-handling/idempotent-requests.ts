import { Inject, Injectable } from '@nestjs/common';
import { ProblemException, type AppConfig, APP_CONFIG } from '@arrears/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { IDEMPOTENCY_STORE } from '@arrears/backends';
import { readCommandContext } from './command-context';
import type { IdempotencyStore, StoredResponse } from '@arrears/idempotency';

/**
 * `Idempotency-Key` on a POST: the first request with a key runs; a retry with the same key and the
 * same request gets the first response again (marked `Idempotent-Replayed: true`) and appends
 * nothing; the same key with a different request is a 409. Only successes are kept: after a refusal
 * the key is given back, so a corrected or later retry runs again (a refused command wrote nothing).
 */
@Injectable()
export class IdempotentRequests {
  constructor(
    @Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Runs `handle` for a first request, or answers a retry with the first response. */
  async respond(request: FastifyRequest, reply: FastifyReply, statusCode: number, handle: () => Promise<unknown>): Promise<unknown> {
    const key = readCommandContext(request).idempotencyKey;
    if (!key) return handle();

    const fingerprint = fingerprintOf(request);
    const reservation = await this.store.reserve(key, fingerprint, this.config.idempotencyLeaseMs);
    if (reservation.outcome !== 'reserved' && reservation.fingerprint !== fingerprint) {
      throw new ProblemException(409, 'IDEMPOTENCY_KEY_REUSED', 'Conflict', 'This Idempotency-Key was already used for a different request.');
    }
    if (reservation.outcome === 'in_progress') {
      throw new ProblemException(409, 'IDEMPOTENCY_REQUEST_IN_PROGRESS', 'Conflict', 'A request with this Idempotency-Key is still running; retry shortly.');
    }
    if (reservation.outcome === 'completed') {
      void reply.status(reservation.response.statusCode).header('idempotent-replayed', 'true');
      return reservation.response.body;
    }

    try {
      return await this.completed(key, { statusCode, body: await handle() });
    } catch (error) {
      // A failure gives the key back (and is rethrown), so that the retry runs again.
      await this.store.release(key).catch(() => undefined);
      throw error;
    }
  }

  /**
   * Stores the response. The crash tests' delay (never in production) holds the request between its
   * append and this, so that they can kill the process there.
   */
  private async completed(key: string, response: StoredResponse): Promise<unknown> {
    const delay = this.config.testIdempotencyCompletionDelayMs;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    await this.store.complete(key, response);
    return response.body;
  }
}

/** Same method, path and body (keys in any order) → same fingerprint. */
function fingerprintOf(request: FastifyRequest): string {
  return createHash('sha256')
    .update(JSON.stringify([request.method, request.url, canonical(request.body)]))
    .digest('hex');
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}
