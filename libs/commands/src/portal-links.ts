import { createHash } from 'node:crypto';
import { isId, portalLinkMarker, portalPath, type PortalLinkClaims, type PortalLinkIssued, type RenderedMessage } from '@arrears/domain';
import type { ChainKey } from '@arrears/event-store';
import { SignedTokens } from './signed-links';

/** What a verified portal link says: the one account it opens, and the link's own claims. */
export interface PortalLink extends PortalLinkClaims {
  accountId: string;
}

const idPart = /^[A-Za-z0-9._:@-]{1,128}$/;

/**
 * Signed, expiring links to the debtor's portal, each for one account (see SignedTokens: they cannot
 * be forged or altered). The token is the proof that the debtor holds the channel it was sent to; it
 * opens nothing by itself: the portal asks a second factor, and revocation and locking are events on
 * the account (the OpenPortal decision). Seconds are enough precision for both instants.
 */
export class PortalLinks {
  private readonly tokens: SignedTokens;

  constructor(
    chainKey: ChainKey,
    private readonly publicUrl: string,
    private readonly ttlDays: number,
  ) {
    this.tokens = new SignedTokens(chainKey, 'arrears portal links');
  }

  tokenFor(link: PortalLink): string {
    return this.tokens.sign([link.accountId, link.linkId, seconds(link.issuedAt), seconds(link.expiresAt)].join(' '));
  }

  /** The link the debtor opens: the token goes in the fragment, which browsers never send to a server or in a Referer. */
  linkFor(link: PortalLink): string {
    return `${this.publicUrl}${portalPath}${this.tokenFor(link)}`;
  }

  /** A link issued `now`, good for the configured days. */
  issue(accountId: string, linkId: string, now: Date, days = this.ttlDays): PortalLink {
    return { accountId, linkId, issuedAt: iso(seconds(now.toISOString())), expiresAt: iso(seconds(now.toISOString()) + days * 86_400) };
  }

  /**
   * The link a recorded PortalLinkIssued stands for: a retry of the same request answers with it, the very link
   * first answered. A link recorded before its instant of issue was kept had it at its expiry less the days asked
   * for (`days`), as `issue` made it.
   */
  recorded(accountId: string, { linkId, issuedAt, expiresAt }: PortalLinkIssued['data'], days = this.ttlDays): PortalLink {
    return { accountId, linkId, issuedAt: issuedAt ?? iso(seconds(expiresAt) - days * 86_400), expiresAt };
  }

  /** What a token says, or undefined when it was not signed here (forged, altered, truncated). Expiry is the decider's to judge. */
  read(token: string): PortalLink | undefined {
    const [accountId, linkId, issued, expires, ...rest] = this.tokens.read(token)?.split(' ') ?? [];
    if (
      rest.length ||
      !accountId ||
      !isId(accountId) ||
      !linkId ||
      !idPart.test(linkId) ||
      !/^\d{1,12}$/.test(`${issued}`) ||
      !/^\d{1,12}$/.test(`${expires}`)
    ) {
      return undefined;
    }
    return { accountId, linkId, issuedAt: iso(Number(issued)), expiresAt: iso(Number(expires)) };
  }

  /**
   * The message with its portal marker replaced by a new link for its account, issued `now`; its id
   * derives from the account, the instant and the template, so the same notice always carries the
   * same link (a retry seals it the same way).
   */
  signed(message: RenderedMessage, accountId: string, now: Date): RenderedMessage {
    if (!message.body.includes(portalLinkMarker) && !message.subject.includes(portalLinkMarker)) return message;
    const linkId = `n-${createHash('sha256').update(`${accountId}|${now.toISOString()}|${message.templateId}`).digest('base64url').slice(0, 16)}`;
    const url = this.linkFor(this.issue(accountId, linkId, now));
    return { ...message, subject: message.subject.replaceAll(portalLinkMarker, url), body: message.body.replaceAll(portalLinkMarker, url) };
  }
}

const seconds = (instant: string) => Math.floor(Date.parse(instant) / 1000);
const iso = (epochSeconds: number) => new Date(epochSeconds * 1000).toISOString();
