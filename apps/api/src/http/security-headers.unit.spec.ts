import { securityHeadersOf } from './security-headers';

describe('the security headers every answer carries', () => {
  it('are helmet’s defaults, with the policy given', () => {
    const directives = { defaultSrc: ["'self'"], frameAncestors: ["'none'"], upgradeInsecureRequests: null };
    const headers = securityHeadersOf({ contentSecurityPolicy: { useDefaults: false, directives } });
    expect(headers).toMatchObject({
      'content-security-policy': "default-src 'self';frame-ancestors 'none'",
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
    });
    expect(Object.keys(headers)).not.toContain('x-powered-by');
  });

  it('refuse a policy helmet refuses, at start rather than on a request', () => {
    expect(() => securityHeadersOf({ contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], scriptSrc: ['self'] } } })).toThrow(/self/);
  });
});
