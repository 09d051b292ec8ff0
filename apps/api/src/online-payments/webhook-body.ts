import { Transform } from 'node:stream';
import type { FastifyInstance, FastifyRequest, preParsingHookHandler } from 'fastify';

/** The route Stripe delivers its webhooks to. */
export const stripeWebhookRoute = '/online-payments/stripe/webhook';

const rawBodies = new WeakMap<FastifyRequest['raw'], Buffer>();

/**
 * A provider signs the exact bytes it sends, which parsed and serialized JSON no longer is: for the
 * webhook route only, the body is copied as it streams past the usual JSON parser (its size limit and
 * depth check still apply). Every other route's body is parsed as before, and kept nowhere.
 */
export function keepRawWebhookBodies(fastify: FastifyInstance): void {
  // A hook of that route alone (added as Nest registers it): every other request pays nothing for it.
  fastify.addHook('onRoute', (route) => {
    if (route.url !== stripeWebhookRoute) return;
    const others = route.preParsing === undefined ? [] : [route.preParsing].flat();
    route.preParsing = [...others, copyRawBody];
  });
}

const copyRawBody: preParsingHookHandler = (request, _reply, payload, done) => {
  const chunks: Buffer[] = [];
  const copy = new Transform({
    transform(chunk: Buffer, _encoding, next) {
      chunks.push(chunk);
      next(null, chunk);
    },
    flush(next) {
      rawBodies.set(request.raw, Buffer.concat(chunks));
      next();
    },
  });
  done(null, payload.pipe(copy));
};

/** The bytes the webhook request carried; undefined when it had no body. */
export const rawBodyOf = (request: FastifyRequest): Buffer | undefined => rawBodies.get(request.raw);
