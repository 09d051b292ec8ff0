import type { FastifyInstance } from 'fastify';
import { ProblemException } from '@arrears/platform';

/** The route the opt-out page's form posts to. */
export const optOutRoute = '/opt-out/:token';

/**
 * A browser posts the opt-out page's form as `application/x-www-form-urlencoded`: accepted (and its
 * empty body ignored, at most 1 KiB read) by the opt-out route only; every other route still refuses it (415).
 */
export function acceptOptOutForms(fastify: FastifyInstance): void {
  fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 }, (request, _body, done) => {
    if (request.routeOptions.url !== optOutRoute) {
      done(new ProblemException(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', 'Only the opt-out page posts a form.'), undefined);
      return;
    }
    done(null, undefined);
  });
}
