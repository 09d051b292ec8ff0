import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { ServerResponse } from 'node:http';

/**
 * Helmet's security headers on every answer. Helmet's Fastify plugin builds its middleware again for
 * each request (parsing the policy each time); these headers are the same for every request, so
 * they are worked out once here, by running helmet's middleware against a response that only
 * records them, and each request just copies them. A site with its own policy (the console, the
 * portal) replaces Content-Security-Policy in its own onSend hook, as before.
 */
export function sendSecurityHeaders(fastify: FastifyInstance, options: HelmetOptions): void {
  const headers = securityHeadersOf(options);
  fastify.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(headers);
    done();
  });
}

/** The headers helmet sets with `options`, lower-cased, as one object. */
export function securityHeadersOf(options: HelmetOptions): Record<string, string> {
  const headers = new Map<string, string>();
  const recorder = {
    setHeader: (name: string, value: string) => headers.set(name.toLowerCase(), value),
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
  } as unknown as ServerResponse;
  helmet(options)({} as never, recorder, (error?: unknown) => {
    if (error) throw error instanceof Error ? error : new Error('helmet refused the options');
  });
  return Object.fromEntries(headers);
}
