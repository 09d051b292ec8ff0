import type { FastifyInstance } from 'fastify';
import { ProblemException } from '@arrears/platform';

/** The route the opt-out page's form posts to. */
export const optOutRoute = '/opt-out/:token';

/**
 * A browser posts the opt-out page's form as `application/x-www-form-urlencoded`: accepted (and its
 * empty body ignored, at most 1 KiB read) by the opt-out route, and the other server-rendered pages'
 * buttons given in `pageRoutes`; every other route still refuses it (415).
 */
export function acceptOptOutForms(fastify: FastifyInstance, pageRoutes: readonly string[] = []): void {
  const formRoutes = new Set([optOutRoute, ...pageRoutes]);
  fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 }, (request, _body, done) => {
    if (!formRoutes.has(request.routeOptions.url ?? '')) {
      done(new ProblemException(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', 'Only the opt-out and checkout pages post a form.'), undefined);
      return;
    }
    done(null, undefined);
  });
}
