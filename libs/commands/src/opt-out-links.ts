import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { isId, optOutLinkMarker, optOutPath, type ContactChannel, type RenderedMessage } from '@arrears/domain';
import type { ChainKey } from '@arrears/event-store';

/** What an opt-out link asks: stop using this medium for this account (12 CFR 1006.6(e)). */
export interface OptOut {
  accountId: string;
  channel: 'email' | 'sms';
}

const codes = { email: 'e', sms: 's' } as const;
const channelsByCode: Record<string, OptOut['channel']> = { e: 'email', s: 'sms' };
/** 128 bits of HMAC-SHA256, base64url: enough against forgery, short enough for a text. */
const signatureLength = 22;
/** What a token looks like: anything else is malformed, not merely unknown. */
export const optOutTokenPattern = /^([A-Za-z0-9_-]{2,100})\.([A-Za-z0-9_-]{22})$/;

/**
 * Signed opt-out links: the token names the account and the medium, and carries an HMAC-SHA256 of
 * both under a key derived from the chain key's secret (a key of its own, so a link's signature tells
 * nothing of the chain's), so it can be neither forged nor altered. Nothing is stored per link.
 */
export class OptOutLinks {
  private readonly key: Buffer;

  constructor(
    chainKey: ChainKey,
    private readonly publicUrl: string,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', chainKey.secret, '', 'arrears opt-out links', 32));
  }

  tokenFor(accountId: string, channel: OptOut['channel']): string {
    const payload = `${codes[channel]}${accountId}`;
    return `${Buffer.from(payload).toString('base64url')}.${this.signature(payload)}`;
  }

  linkFor(accountId: string, channel: OptOut['channel']): string {
    return `${this.publicUrl}${optOutPath}${this.tokenFor(accountId, channel)}`;
  }

  /** What a token asks, or undefined when it was not signed here (forged, altered, truncated). */
  read(token: string): OptOut | undefined {
    const match = optOutTokenPattern.exec(token);
    if (!match) return undefined;
    const payload = Buffer.from(match[1] as string, 'base64url').toString('utf8');
    const expected = Buffer.from(this.signature(payload));
    if (!timingSafeEqual(expected, Buffer.from(match[2] as string))) return undefined;
    const channel = channelsByCode[payload.slice(0, 1)];
    const accountId = payload.slice(1);
    return channel && isId(accountId) ? { accountId, channel } : undefined;
  }

  /** The message with its opt-out marker replaced by the signed link for its account and medium; others as they are. */
  signed(message: RenderedMessage, accountId: string, channel: ContactChannel): RenderedMessage {
    if (channel !== 'email' && channel !== 'sms') return message;
    const link = this.linkFor(accountId, channel);
    return { ...message, subject: message.subject.replaceAll(optOutLinkMarker, link), body: message.body.replaceAll(optOutLinkMarker, link) };
  }

  private signature(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url').slice(0, signatureLength);
  }
}
