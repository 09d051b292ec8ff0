import Fastify, { type FastifyInstance } from 'fastify';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { portalPolicy, servePortal } from './portal-site';

describe('the portal site at /portal', () => {
  let dir: string;
  let fastify: FastifyInstance;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'portal-site-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><script type="module" src="/portal/assets/index-abc123.js"></script>');
    await writeFile(join(dir, 'assets', 'index-abc123.js'), 'console.log("portal")');
    fastify = Fastify();
    expect(await servePortal(fastify, dir)).toBe(true);
    await fastify.ready();
  });

  afterAll(async () => {
    await fastify.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers its page for its own paths (the thank-you page too), under a policy with no inline script or style', async () => {
    for (const url of ['/portal/', '/portal/thanks']) {
      const page = await fastify.inject(url);
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-security-policy']).toBe(portalPolicy);
    }
    expect(portalPolicy).not.toMatch(/unsafe-inline/);
    expect(portalPolicy).toContain("frame-ancestors 'none'");
  });

  it('leaves /portal/api to the API: a route it does not have is a 404, never the page', async () => {
    const missing = await fastify.inject('/portal/api/nothing-here');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).not.toContain('<script');
  });
});
