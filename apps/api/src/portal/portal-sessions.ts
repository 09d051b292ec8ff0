import { Inject, Injectable } from '@nestjs/common';
import type { PortalLink } from '@arrears/commands';
import { isId } from '@arrears/domain';
import { CHAIN_KEY, type ChainKey } from '@arrears/event-store';
import { APP_CONFIG, Clock, ProblemException, type AppConfig } from '@arrears/platform';
import { errors, jwtVerify, SignJWT } from 'jose';
import { hkdfSync } from 'node:crypto';
import type { Principal } from '../auth/principal';

/** A portal session: the debtor of one account, by one link. */
export interface PortalSession {
  principal: Principal;
  link: PortalLink;
}

const audience = 'arrears-portal';
const bearer = /^Bearer ([A-Za-z0-9._~+/=-]+)$/;

/**
 * The short-lived token the portal gets once the second factor is answered: a JWT for the `debtor`
 * role, scoped to one account and the link it was opened by, signed under a key of its own derived
 * from the chain key (never the staff tokens' secret or identity provider), so it is worth nothing
 * outside `/portal/api`, and a staff token is worth nothing there. Nothing is kept on the server.
 */
@Injectable()
export class PortalSessions {
  private readonly key: Uint8Array;

  constructor(
    @Inject(CHAIN_KEY) chainKey: ChainKey,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.key = new Uint8Array(hkdfSync('sha256', chainKey.secret, '', 'arrears portal sessions', 32));
  }

  /** A token until the session's minutes run out, or the link does, whichever is first. */
  async mint(link: PortalLink, creditorId: string): Promise<{ token: string; expiresAt: string }> {
    const now = this.clock.now().getTime();
    const expiresAt = Math.min(now + this.config.portal.sessionMinutes * 60_000, Date.parse(link.expiresAt));
    const token = await new SignJWT({ role: 'debtor', creditors: [creditorId], lnk: link.linkId, lia: link.issuedAt, lex: link.expiresAt })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(`debtor:${link.accountId}`)
      .setAudience(audience)
      .setIssuedAt(Math.floor(now / 1000))
      .setExpirationTime(Math.floor(expiresAt / 1000))
      .sign(this.key);
    return { token, expiresAt: new Date(Math.floor(expiresAt / 1000) * 1000).toISOString() };
  }

  async verify(authorization: string | undefined): Promise<PortalSession> {
    const token = bearer.exec(authorization?.trim() ?? '')?.[1];
    if (!token) throw unauthorized('The portal needs the token its sign-in gave.');
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], audience, requiredClaims: ['exp', 'sub'], currentDate: this.clock.now() });
      const { sub, creditors, lnk, lia, lex } = payload as Record<string, unknown>;
      const accountId = typeof sub === 'string' && sub.startsWith('debtor:') ? sub.slice('debtor:'.length) : '';
      const creditorId: unknown = Array.isArray(creditors) ? creditors[0] : undefined;
      if (!isId(accountId) || typeof creditorId !== 'string' || typeof lnk !== 'string' || typeof lia !== 'string' || typeof lex !== 'string') {
        throw unauthorized('The portal token is not one this service made.');
      }
      return {
        principal: { id: sub as string, role: 'debtor', creditors: [creditorId] },
        link: { accountId, linkId: lnk, issuedAt: lia, expiresAt: lex },
      };
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw unauthorized('The portal session has ended: open your link again.');
      if (error instanceof errors.JOSEError) throw unauthorized(`The portal token is not valid (${error.code}).`);
      throw error;
    }
  }
}

/** The account a debtor's command is for: the one their portal token names (the guard let only such tokens through). */
export function portalAccountOf(context: { actor: { id: string; role: string } }): string {
  if (context.actor.role !== 'debtor' || !context.actor.id.startsWith('debtor:')) throw new Error('A portal route was reached without a portal token.');
  return context.actor.id.slice('debtor:'.length);
}

const unauthorized = (detail: string) =>
  new ProblemException(401, 'UNAUTHENTICATED', 'Unauthorized', detail, {}, { 'www-authenticate': 'Bearer realm="arrears-portal"' });
