import Fastify, { type FastifyInstance } from 'fastify';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consolePolicy, identityProviderOrigins, serveConsole } from './console-site';

describe('the console site at /console', () => {
  let dir: string;
  let fastify: FastifyInstance;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'console-site-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><script type="module" src="/console/assets/index-abc123.js"></script>');
    await writeFile(join(dir, 'assets', 'index-abc123.js'), 'console.log("console")');
    fastify = Fastify();
    expect(await serveConsole(fastify, { dir })).toBe(true);
    await fastify.ready();
  });

  afterAll(async () => {
    await fastify.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers its page, under a policy that runs only its own scripts and talks only to this origin, asked for again each time', async () => {
    for (const url of ['/console', '/console/']) {
      const page = await fastify.inject(url);
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.headers['content-security-policy']).toBe(consolePolicy());
      expect(page.body).toContain('/console/assets/index-abc123.js');
    }
    expect(consolePolicy()).toContain("script-src 'self'");
    expect(consolePolicy()).toContain("connect-src 'self';");
    expect(consolePolicy()).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('answers the page for the console’s own routes, so a reload or a bookmark opens them', async () => {
    const page = await fastify.inject('/console/accounts/acc-1?tab=promise');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('/console/assets/index-abc123.js');
  });

  it('lets browsers keep hashed assets for a year, and answers 404 for an asset it does not have', async () => {
    const asset = await fastify.inject('/console/assets/index-abc123.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-security-policy']).toBe(consolePolicy());
    expect((await fastify.inject('/console/assets/index-old999.js')).statusCode).toBe(404);
  });

  it('serves nothing when the console has not been built', async () => {
    const bare = Fastify();
    expect(await serveConsole(bare, { dir: join(dir, 'not-built') })).toBe(false);
    await bare.ready();
    expect((await bare.inject('/console')).statusCode).toBe(404);
    await bare.close();
  });

  it('lets the page call the identity provider it signs in with, and no other origin', () => {
    const auth = { issuer: 'https://id.example.com/realms/collections', oidc: { clientId: 'arrears-console', scope: 'openid' }, revokedRefreshMs: 0 };
    expect(identityProviderOrigins(auth)).toEqual(['https://id.example.com']);
    expect(identityProviderOrigins({ issuer: auth.issuer, revokedRefreshMs: 0 })).toEqual([]);
    expect(consolePolicy(['https://id.example.com'])).toContain("connect-src 'self' https://id.example.com;");
  });
});
