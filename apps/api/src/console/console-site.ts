import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';
import type { AppConfig } from '@arrears/platform';

/** Where the console is served from, and where `npm run build` puts its static assets. */
export const consolePrefix = '/console';

/**
 * The console's pages run only their own scripts, talk only to this origin (and, for single sign-on, to
 * the identity provider's: its discovery document and token endpoint) and are framed by nobody. Styles
 * may be set by scripts (ECharts positions its tooltips with inline styles); no inline script runs.
 */
export const consolePolicy = (connectTo: readonly string[] = []): string =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    ["connect-src 'self'", ...connectTo].join(' '),
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

/** The identity provider's origin the console signs in with, if any (`AUTH_ISSUER` with `AUTH_OIDC_CLIENT_ID`). */
export const identityProviderOrigins = (auth: AppConfig['auth']): string[] => (auth.oidc && auth.issuer ? [new URL(auth.issuer).origin] : []);

/** A built site under dist/ (`console`, `portal`), whether this module runs from dist/ (the built service) or from the sources (tests). */
export function siteAssetsDir(site: string): string {
  const root = resolve(__dirname, '../../../..');
  return basename(root) === 'dist' ? join(root, site) : join(root, 'dist', site);
}

/** Hashed file names (assets/) change with their content, so they may be kept for a year; anything else must be asked for again. */
function cacheFor(reply: FastifyReply, path: string, assetsDir: string): void {
  void reply.header('cache-control', path.startsWith(assetsDir) ? 'public, max-age=31536000, immutable' : 'no-cache');
}

/** A single-page site the API serves: where, from which built folder, under which Content-Security-Policy. */
export interface Site {
  prefix: string;
  dir: string;
  policy: string;
  /** Paths under the prefix that are the API's, never the page (a mistyped API route is a 404, not HTML). */
  apiPrefix?: string;
}

/**
 * Serves the console's static assets at /console with their own Content-Security-Policy, and index.html
 * for every other path under it (the console's own routes, such as /console/accounts/acc-1), so a
 * bookmarked or reloaded page opens. Returns false when the console has not been built.
 */
export const serveConsole = (
  fastify: FastifyInstance,
  { dir = siteAssetsDir('console'), connectTo = [] }: { dir?: string; connectTo?: readonly string[] } = {},
): Promise<boolean> => serveSite(fastify, { prefix: consolePrefix, dir, policy: consolePolicy(connectTo) });

/** Serves a built single-page site (see serveConsole); false when it has not been built. */
export async function serveSite(fastify: FastifyInstance, { prefix, dir, policy, apiPrefix }: Site): Promise<boolean> {
  const indexFile = join(dir, 'index.html');
  if (!existsSync(indexFile)) return false;
  const indexHtml = readFileSync(indexFile, 'utf8');
  await fastify.register(
    async (site) => {
      site.addHook('onSend', (_request, reply, payload, done) => {
        void reply.header('content-security-policy', policy);
        done(null, payload);
      });
      await site.register(fastifyStatic, {
        root: dir,
        prefix: '/',
        wildcard: false,
        index: false,
        decorateReply: false,
        setHeaders: (reply, path) => {
          cacheFor(reply, path, join(dir, 'assets', sep));
        },
      });
      const page = (_request: unknown, reply: FastifyReply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
      site.get('/', page);
      site.get('/*', (request, reply) => {
        // A missing asset is a 404, not the page: a stale page asking for an old bundle must fail visibly.
        if (request.url.startsWith(`${prefix}/assets/`) || (apiPrefix && request.url.startsWith(apiPrefix))) {
          return reply.code(404).type('text/plain').send('Not found');
        }
        return page(request, reply);
      });
    },
    { prefix },
  );
  return true;
}
