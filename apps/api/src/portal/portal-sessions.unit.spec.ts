import { chainKeyFrom } from '@arrears/event-store';
import { FixedClock, loadConfig } from '@arrears/platform';
import { mintToken } from '../auth/mint-token';
import { PortalSessions } from './portal-sessions';

describe('portal sessions: a short-lived token for one account, good on the portal only', () => {
  const clock = new FixedClock(new Date('2026-03-02T15:00:00Z'));
  const sessions = new PortalSessions(chainKeyFrom('a-chain-key-of-at-least-thirty-two-characters'), loadConfig({ PORTAL_SESSION_MINUTES: '15' }), clock);
  const link = { accountId: 'acc-1', linkId: 'link-1', issuedAt: '2026-03-01T00:00:00.000Z', expiresAt: '2026-03-31T00:00:00.000Z' };
  const bearer = (token: string) => `Bearer ${token}`;

  afterEach(() => {
    clock.set('2026-03-02T15:00:00Z');
  });

  it('names the debtor of the account, its creditor and the link, for 15 minutes', async () => {
    const { token, expiresAt } = await sessions.mint(link, 'cred-1');
    expect(expiresAt).toBe('2026-03-02T15:15:00.000Z');
    expect(await sessions.verify(bearer(token))).toEqual({ principal: { id: 'debtor:acc-1', role: 'debtor', creditors: ['cred-1'] }, link });
    clock.set('2026-03-02T15:15:01Z');
    await expect(sessions.verify(bearer(token))).rejects.toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
  });

  it('never outlives its link', async () => {
    const { expiresAt } = await sessions.mint({ ...link, expiresAt: '2026-03-02T15:05:00.000Z' }, 'cred-1');
    expect(expiresAt).toBe('2026-03-02T15:05:00.000Z');
  });

  it('refuses a staff token, even one saying it is the debtor, and a session signed under another key', async () => {
    const staff = await mintToken('a-chain-key-of-at-least-thirty-two-characters', { id: 'debtor:acc-1', role: 'agent', creditors: '*' });
    await expect(sessions.verify(bearer(staff))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const elsewhere = new PortalSessions(chainKeyFrom('another-chain-key-of-at-least-thirty-two-chars'), loadConfig({}), clock);
    await expect(sessions.verify(bearer((await elsewhere.mint(link, 'cred-1')).token))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(sessions.verify(undefined)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
