import { isId, optOutLinkMarker, optOutPath, type ContactChannel, type RenderedMessage } from '@arrears/domain';
import type { ChainKey } from '@arrears/event-store';
import { SignedTokens, signedTokenPattern } from './signed-links';

/** What an opt-out link asks: stop using this medium for this account (12 CFR 1006.6(e)). */
export interface OptOut {
  accountId: string;
  channel: 'email' | 'sms';
}

const codes = { email: 'e', sms: 's' } as const;
const channelsByCode: Record<string, OptOut['channel']> = { e: 'email', s: 'sms' };
/** What a token looks like: anything else is malformed, not merely unknown. */
export const optOutTokenPattern = signedTokenPattern;

/**
 * Signed opt-out links: the token names the account and the medium, signed (see SignedTokens) so it
 * can be neither forged nor altered. Nothing is stored per link.
 */
export class OptOutLinks {
  private readonly tokens: SignedTokens;

  constructor(
    chainKey: ChainKey,
    private readonly publicUrl: string,
  ) {
    this.tokens = new SignedTokens(chainKey, 'arrears opt-out links');
  }

  tokenFor(accountId: string, channel: OptOut['channel']): string {
    return this.tokens.sign(`${codes[channel]}${accountId}`);
  }

  linkFor(accountId: string, channel: OptOut['channel']): string {
    return `${this.publicUrl}${optOutPath}${this.tokenFor(accountId, channel)}`;
  }

  /** What a token asks, or undefined when it was not signed here (forged, altered, truncated). */
  read(token: string): OptOut | undefined {
    const payload = this.tokens.read(token);
    if (payload === undefined) return undefined;
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
}
