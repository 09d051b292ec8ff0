import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { ChainKey } from '@arrears/event-store';

/** 128 bits of HMAC-SHA256, base64url: enough against forgery, short enough for a text. */
const signatureLength = 22;
/** What a signed token looks like: anything else is malformed, not merely unknown. */
export const signedTokenPattern = /^([A-Za-z0-9_-]{2,300})\.([A-Za-z0-9_-]{22})$/;

/**
 * Tokens a link carries, `base64url(payload).signature`: an HMAC-SHA256 of the payload under a key
 * derived from the chain key's secret for one purpose (so a link's signature tells nothing of the
 * chain's, and a token signed for one purpose means nothing to another), so it can be neither forged
 * nor altered. Nothing is stored per token.
 */
export class SignedTokens {
  private readonly key: Buffer;

  constructor(chainKey: ChainKey, purpose: string) {
    this.key = Buffer.from(hkdfSync('sha256', chainKey.secret, '', purpose, 32));
  }

  sign(payload: string): string {
    return `${Buffer.from(payload).toString('base64url')}.${this.signature(payload)}`;
  }

  /** The payload of a token signed here, or undefined (forged, altered, truncated, malformed). */
  read(token: string): string | undefined {
    const match = signedTokenPattern.exec(token);
    if (!match) return undefined;
    const payload = Buffer.from(match[1] as string, 'base64url').toString('utf8');
    const expected = Buffer.from(this.signature(payload));
    return timingSafeEqual(expected, Buffer.from(match[2] as string)) ? payload : undefined;
  }

  private signature(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url').slice(0, signatureLength);
  }
}
