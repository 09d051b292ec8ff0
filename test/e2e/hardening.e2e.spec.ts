import { ThrottlerStorage } from '@nestjs/throttler';
import { mintToken } from '../../apps/api/src/auth/mint-token';
import { rateExchangeMs, type SharedWindowStorage } from '../../apps/api/src/hardening/shared-window.storage';
import { as, openAccountBody, startTestApi, testAuthSecret, uniqueId, type TestApi } from './support/test-api';

describe('security headers and CORS', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('sends security headers on API answers and refusals alike', async () => {
    for (const response of [await api.get('/health'), await api.get('/worklist'), await api.get('/worklist', { authorization: '' })]) {
      expect(response.headers).toMatchObject({
        'content-security-policy': expect.not.stringContaining('upgrade-insecure-requests'),
        'x-content-type-options': 'nosniff',
        'strict-transport-security': expect.stringContaining('max-age='),
        'x-frame-options': 'SAMEORIGIN',
        'referrer-policy': 'no-referrer',
      });
    }
  });

  it('serves Swagger UI under a policy it can run with: no inline script, scripts from here only', async () => {
    const page = await api.app.inject({ method: 'GET', url: '/docs' });
    expect(page.statusCode).toBe(200);
    const policy = String(page.headers['content-security-policy']);
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self'");
    const scripts = [...page.body.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, inline] of scripts) {
      expect(inline?.trim()).toBe('');
      const src = /src="([^"]+)"/.exec(attributes ?? '')?.[1] ?? '';
      expect(src).toMatch(/^\.?\/?[^/:]/); // relative: same origin
      expect((await api.app.inject({ method: 'GET', url: new URL(src, 'http://local/docs').pathname })).statusCode).toBe(200);
    }
  });

  it('sends no CORS headers unless origins are configured', async () => {
    const preflight = await api.app.inject({
      method: 'OPTIONS',
      url: '/worklist',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const read = await api.get('/worklist', { origin: 'https://evil.example', ...(await as('agent')) });
    expect(read.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('CORS for configured origins', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ env: { CORS_ORIGINS: 'https://app.example.com' } });
  });
  afterAll(async () => {
    await api.close();
  });

  it('allows the configured origin, with the headers the API reads, and no other', async () => {
    const preflight = (origin: string) =>
      api.app.inject({
        method: 'OPTIONS',
        url: '/accounts',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,idempotency-key' },
      });
    const allowed = await preflight('https://app.example.com');
    expect(allowed.statusCode).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(String(allowed.headers['access-control-allow-headers'])).toContain('idempotency-key');
    expect((await preflight('https://evil.example')).headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('rate limiting per caller', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ env: { RATE_LIMIT_PER_SECOND: '5' } });
  });
  afterAll(async () => {
    await api.close();
  });

  it('answers 429 with Retry-After past the limit on any route, appends nothing, and leaves other tokens alone', async () => {
    const busy = await as('system', 'billing-busy');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await api.post('/accounts', openAccountBody(uniqueId('acc')), busy)).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201]);
    const accountId = uniqueId('acc');
    const refused = await api.post('/accounts', openAccountBody(accountId), busy);
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ code: 'RATE_LIMITED', status: 429, limit: 5 });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // The limit is the subject's, over every route, not one count per route.
    expect((await api.get(`/accounts/${accountId}/events`, busy)).status).toBe(429);

    const calm = await as('supervisor', 'supervisor-calm');
    expect((await api.get(`/accounts/${accountId}/events`, calm)).status).toBe(404);
    expect((await api.post('/accounts', openAccountBody(accountId), await as('system', 'billing-calm'))).status).toBe(201);
  });

  it('counts a subject’s tokens together: a new token does not start a new budget', async () => {
    for (let i = 0; i < 5; i++) expect((await api.get('/worklist', await as('agent', 'agent-many-tokens'))).status).toBe(200);
    const another = { authorization: `Bearer ${await mintToken(testAuthSecret, { id: 'agent-many-tokens', role: 'agent', creditors: ['cred-1'] }, '2h')}` };
    expect((await api.get('/worklist', another)).status).toBe(429);
  });

  it('never limits the probes (their controller skips the limiter), however often they are asked', async () => {
    // Twelve requests sent at once span at most two of the limiter's one-second windows, so one holds six: one past the limit.
    const atOnce = async (path: string) => (await Promise.all(Array.from({ length: 12 }, () => api.get(path)))).map((response) => response.status);
    expect(await atOnce('/health')).toStrictEqual(Array.from({ length: 12 }, () => 200));
    // The same address without a token is limited anywhere else.
    expect(await atOnce('/worklist')).toContain(429);
  });
});

describe('rate limiting shared by replicas (RATE_LIMIT_SHARED)', () => {
  let replicas: TestApi[];
  beforeAll(async () => {
    const first = await startTestApi({ env: { RATE_LIMIT_PER_SECOND: '5', RATE_LIMIT_SHARED: 'true', RUN_PROJECTOR: 'false' } });
    const second = await startTestApi({
      databaseUrl: first.databaseUrl,
      env: { RATE_LIMIT_PER_SECOND: '5', RATE_LIMIT_SHARED: 'true', RUN_PROJECTOR: 'false' },
    });
    replicas = [first, second];
  });
  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.close()));
  });
  /** Each replica tells its counts and hears the other's (they also do every 100 ms by themselves). */
  const exchange = async () => {
    for (const replica of [...replicas, ...replicas]) await replica.app.get<SharedWindowStorage>(ThrottlerStorage).exchange();
  };

  /** Five requests of one caller, three to the first replica and two to the second (in one window: the clock stands still). */
  const spread = async (caller: Record<string, string>) => {
    const [first, second] = replicas as [TestApi, TestApi];
    const statuses: number[] = [];
    for (const replica of [first, first, first, second, second]) statuses.push((await replica.get('/worklist', caller)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
  };

  it('refuses a caller past the limit counted over both replicas, and leaves other callers alone', async () => {
    const [first, second] = replicas as [TestApi, TestApi];
    const busy = await as('supervisor', uniqueId('supervisor-busy'));
    await spread(busy);
    await exchange();
    const refused = await second.get('/worklist', busy);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'RATE_LIMITED', limit: 5 });
    expect((await first.get('/worklist', busy)).status).toBe(429);
    expect((await second.get('/worklist', await as('supervisor', uniqueId('supervisor-calm')))).status).toBe(200);
  });

  it('exchanges the counts by itself, every 100 ms', async () => {
    const busy = await as('supervisor', uniqueId('supervisor-busy'));
    await spread(busy);
    await new Promise((resolve) => setTimeout(resolve, 2.5 * rateExchangeMs));
    expect((await (replicas[1] as TestApi).get('/worklist', busy)).status).toBe(429);
  });
});

describe('rate limiting of requests without a valid token', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ env: { RATE_LIMIT_PER_SECOND: '5', TRUST_PROXY: 'true' } });
  });
  afterAll(async () => {
    await api.close();
  });
  const junk = () => ({ authorization: `Bearer junk.${uniqueId('token')}.signature` });

  it('counts rotating junk tokens against their client address, and leaves a verified caller there its own budget', async () => {
    const from = { 'x-forwarded-for': '203.0.113.7' };
    const verified = { ...(await as('supervisor', 'supervisor-at-7')), ...from };
    expect((await api.get('/worklist', verified)).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await api.get('/worklist', { ...junk(), ...from })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const refused = await api.post('/accounts', openAccountBody(uniqueId('acc')), { ...junk(), ...from });
    expect(refused.body).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect((await api.get('/worklist', verified)).status).toBe(200);
  });

  it('finds the client address behind a trusted proxy (TRUST_PROXY) in X-Forwarded-For', async () => {
    for (let i = 0; i < 5; i++) await api.get('/worklist', { ...junk(), 'x-forwarded-for': '198.51.100.1' });
    expect((await api.get('/worklist', { ...junk(), 'x-forwarded-for': '198.51.100.1' })).status).toBe(429);
    expect((await api.get('/worklist', { ...junk(), 'x-forwarded-for': '198.51.100.2' })).status).toBe(401);
  });
});
