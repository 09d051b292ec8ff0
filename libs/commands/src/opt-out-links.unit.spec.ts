import { chainKeyFrom } from '@arrears/event-store';
import { OptOutLinks } from './opt-out-links';

describe('opt-out links (12 CFR 1006.6(e)): signed, naming the account and the medium', () => {
  const links = new OptOutLinks(chainKeyFrom('a-chain-key-of-at-least-thirty-two-characters'), 'https://arrears.example');
  const token = links.tokenFor('acc-1', 'sms');

  it('reads back what it signed', () => {
    expect(links.linkFor('acc-1', 'sms')).toBe(`https://arrears.example/opt-out/${token}`);
    expect(links.read(token)).toEqual({ accountId: 'acc-1', channel: 'sms' });
    expect(links.read(links.tokenFor('acc-1', 'email'))).toEqual({ accountId: 'acc-1', channel: 'email' });
  });

  it('is short enough for a text', () => {
    expect(links.linkFor('acc-1', 'sms').length).toBeLessThan(70);
  });

  it('refuses a token altered to name another account or medium, forged under another key, or mangled', () => {
    const [, signature] = token.split('.');
    const otherAccount = `${Buffer.from('sacc-2').toString('base64url')}.${signature}`;
    const otherMedium = `${Buffer.from('eacc-1').toString('base64url')}.${signature}`;
    const forged = new OptOutLinks(chainKeyFrom('another-chain-key-of-at-least-thirty-two-chars'), 'https://arrears.example').tokenFor('acc-1', 'sms');
    for (const bad of [otherAccount, otherMedium, forged, token.slice(0, -1), `${token}x`, '', 'not-a-token', `${token}.extra`])
      expect(links.read(bad)).toBeUndefined();
  });

  it('replaces the marker of a message for e-mail and SMS, and leaves a letter alone', () => {
    const message = { templateId: 't', version: 1, language: 'en', subject: '', body: 'Stop texts: {{optOutUrl}}' };
    expect(links.signed(message, 'acc-1', 'sms').body).toBe(`Stop texts: https://arrears.example/opt-out/${token}`);
    expect(links.signed(message, 'acc-1', 'letter')).toBe(message);
  });
});
