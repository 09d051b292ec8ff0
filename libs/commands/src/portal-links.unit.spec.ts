import { chainKeyFrom } from '@arrears/event-store';
import { PortalLinks } from './portal-links';

describe('portal links: signed, expiring, for one account', () => {
  const links = new PortalLinks(chainKeyFrom('a-chain-key-of-at-least-thirty-two-characters'), 'https://arrears.example', 30);
  const link = links.issue('acc-1', 'link-1', new Date('2026-02-01T10:00:00.500Z'));

  it('reads back what it signed, to the second, good for the configured days', () => {
    expect(link).toEqual({ accountId: 'acc-1', linkId: 'link-1', issuedAt: '2026-02-01T10:00:00.000Z', expiresAt: '2026-03-03T10:00:00.000Z' });
    expect(links.read(links.tokenFor(link))).toEqual(link);
    expect(links.linkFor(link)).toBe(`https://arrears.example/portal/#link=${links.tokenFor(link)}`);
  });

  it('recalls a recorded link as it was issued, whatever days a retry asks or the configuration now says', () => {
    const recorded = { linkId: link.linkId, issuedAt: link.issuedAt, expiresAt: link.expiresAt };
    for (const days of [7, 30, undefined]) expect(links.tokenFor(links.recorded('acc-1', recorded, days))).toBe(links.tokenFor(link));
    // One recorded before its instant of issue was kept: rebuilt from its expiry less the days asked for.
    expect(links.recorded('acc-1', { linkId: link.linkId, expiresAt: link.expiresAt })).toEqual(link);
  });

  it('refuses a token altered to name another account or a later expiry, or signed under another key', () => {
    const [, signature] = links.tokenFor(link).split('.');
    const altered = (payload: string) => `${Buffer.from(payload).toString('base64url')}.${signature}`;
    const forged = new PortalLinks(chainKeyFrom('another-chain-key-of-at-least-thirty-two-chars'), 'https://arrears.example', 30).tokenFor(link);
    for (const bad of [altered('acc-2 link-1 1769940000 1772532000'), altered('acc-1 link-1 1769940000 1999999999'), forged, '', 'x.y'])
      expect(links.read(bad)).toBeUndefined();
  });

  it('puts a link in a message that asks for one, the same for the same notice', () => {
    const message = { templateId: 'payment-reminder', version: 1, language: 'en', subject: '', body: 'Online: {{portalUrl}}' };
    const at = new Date('2026-02-01T10:00:00Z');
    const signed = links.signed(message, 'acc-1', at);
    expect(signed.body).toMatch(/^Online: https:\/\/arrears\.example\/portal\/#link=[\w-]+\.[\w-]{22}$/);
    expect(links.signed(message, 'acc-1', at)).toEqual(signed);
    const token = signed.body.split('#link=')[1] as string;
    expect(links.read(token)).toMatchObject({ accountId: 'acc-1', expiresAt: '2026-03-03T10:00:00.000Z' });
    const plain = { ...message, body: 'No link here' };
    expect(links.signed(plain, 'acc-1', at)).toBe(plain);
  });
});
