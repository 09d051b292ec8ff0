import type { FastifyInstance } from 'fastify';
import { serveSite, siteAssetsDir } from '../console/console-site';
import { statementStyleSource } from './statement.page';

/**
 * The portal's pages run only their own scripts and styles, talk only to this origin, send forms
 * nowhere else, and are framed by nobody; the statement they open (under this policy) keeps its one style.
 */
export const portalPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  `style-src 'self' ${statementStyleSource}`,
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Serves the built portal (dist/portal) at /portal; its API, under /portal/api, stays the API's. False when not built. */
export const servePortal = (fastify: FastifyInstance, dir = siteAssetsDir('portal')): Promise<boolean> =>
  serveSite(fastify, { prefix: '/portal', dir, policy: portalPolicy, apiPrefix: '/portal/api/' });
