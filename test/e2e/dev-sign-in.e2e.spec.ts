import { closedAfterAll } from './support/closed-after-all';
import { startTestApi, type TestApi } from './support/test-api';

describe('development sign-in (POST /auth/dev-token)', () => {
  const closeLater = closedAfterAll();
  let on: TestApi;
  let off: TestApi;

  beforeAll(async () => {
    // Configured stores: off unless DEV_SIGN_IN=true.
    off = closeLater(await startTestApi(), (started) => started.close());
    on = closeLater(await startTestApi({ databaseUrl: off.databaseUrl, env: { DEV_SIGN_IN: 'true' } }), (started) => started.close());
  });

  it('mints a 15-minute token for the role and creditors asked for, which the service then accepts', async () => {
    const before = Date.now();
    const minted = await on.post('/auth/dev-token', { role: 'agent', creditors: ['cred-1'], sub: 'agent-7' });
    expect(minted.status).toBe(200);
    expect(minted.body).toEqual({ token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/), expiresAt: expect.any(String) });
    const lifetime = Date.parse(minted.body.expiresAt) - before;
    expect(lifetime).toBeGreaterThan(14 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(15 * 60_000 + 1_000);
    const authorization = `Bearer ${minted.body.token}`;
    expect((await on.get('/worklist', { authorization })).status).toBe(200);
    // An agent of cred-1 only: another creditor's figures and the supervisors' routes stay closed.
    expect((await on.get('/kpis?from=2026-03-01&to=2026-03-01&creditorId=cred-2', { authorization })).status).toBe(403);
    expect((await on.get('/parked-events', { authorization })).status).toBe(403);
  });

  it('takes every creditor with "*", and names the actor after the role when no sub is given', async () => {
    const minted = await on.post('/auth/dev-token', { role: 'analyst', creditors: '*' });
    expect(minted.status).toBe(200);
    const payload = JSON.parse(Buffer.from(minted.body.token.split('.')[1], 'base64url').toString('utf8'));
    expect(payload).toMatchObject({ sub: 'dev-analyst', role: 'analyst', creditors: '*' });
  });

  it('refuses a malformed request field by field', async () => {
    const refused = await on.post('/auth/dev-token', { role: 'owner', creditors: [], sub: 'no spaces allowed' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['creditors', 'role', 'sub']);
    expect((await on.post('/auth/dev-token', { role: 'agent', creditors: 'cred-1' })).status).toBe(400);
  });

  it('is a route that does not exist where it is off, whatever the body', async () => {
    for (const body of [{ role: 'agent', creditors: '*' }, { nonsense: true }]) {
      const refused = await off.post('/auth/dev-token', body);
      expect(refused.status).toBe(404);
      expect(refused.body.code).toBe('ROUTE_NOT_FOUND');
    }
  });

  it('tells the sign-in page what it may offer: the development sign-in where it is on, no single sign-on without a provider', async () => {
    expect((await on.get('/auth/sign-in-options', {})).body).toEqual({ devSignIn: true, identityProvider: null });
    expect((await off.get('/auth/sign-in-options', {})).body).toEqual({ devSignIn: false, identityProvider: null });
  });
});
