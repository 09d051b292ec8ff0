import { loadConfig } from '@arrears/platform';
import { FixedClock } from '@arrears/platform';
import type { PersonalDataVault } from '@arrears/personal-data';
import { channelRouter } from './channel-router';

describe('the channel router chosen at boot', () => {
  // The adapters are only built here, never sent through: no key is opened.
  const vault = {} as PersonalDataVault;
  const clock = new FixedClock(new Date('2026-04-02T15:00:00Z'));

  it('sends every channel to files when nothing is configured (the embedded default)', () => {
    expect(channelRouter(loadConfig({}), vault, clock).describe()).toBe(
      'email: file (notifications.log), sms: file (notifications.log), letter: file (letters/)',
    );
  });

  it('sends each configured channel to its provider, the others to files', () => {
    const config = loadConfig({
      SMTP_URL: 'smtp://mail.example:587',
      SMS_PROVIDER_URL: 'https://api.twilio.com',
      SMS_ACCOUNT_SID: `AC${'0a'.repeat(16)}`,
      SMS_AUTH_TOKEN: 'token',
      SMS_FROM: '+15005550006',
    });
    expect(channelRouter(config, vault, clock).describe()).toBe('email: smtp, sms: sms provider (api.twilio.com), letter: file (letters/)');
    const letters = loadConfig({ PRINT_MAIL_URL: 'https://api.lob.com/v1', PRINT_MAIL_API_KEY: 'test_key' });
    expect(channelRouter(letters, vault, clock).describe()).toBe(
      'email: file (notifications.log), sms: file (notifications.log), letter: print-and-mail (api.lob.com)',
    );
  });
});
