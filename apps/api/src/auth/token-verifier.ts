import { actorRoles, type ActorRole } from '@arrears/commands';
import { isId } from '@arrears/domain';
import { ProblemException, type AppConfig } from '@arrears/platform';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { createHash } from 'node:crypto';
import type { Principal } from './principal';
import { RevocationList } from './revocation-list';

const idPattern = /^[A-Za-z0-9._:@-]{1,128}$/;
const verifiedKept = 10_000;

interface Verified {
  principal: Principal;
  expiresAt: number;
  /** What a revocation list may name the token by: its `jti`, and its SHA-256. */
  names: string[];
}

/**
 * Verifies bearer tokens (JWT) with `jose`: HS256 under a shared secret, or the keys an identity
 * provider publishes (JWKS), then `iss` and `aud` when configured (always with JWKS). Claims: `sub`
 * (the actor), `role`, and `creditors` ("*", or a list of creditor ids).
 * A verified token is remembered until it expires, so a client's next request skips the signature;
 * a revoked one is refused on its next request, remembered or not.
 */
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly verified = new Map<string, Verified>();
  private readonly claims: { issuer?: string; audience?: string };
  private readonly revoked: RevocationList | undefined;

  constructor(auth: AppConfig['auth'] & ({ secret: string } | { jwksUrl: string })) {
    this.key = 'secret' in auth && auth.secret ? new TextEncoder().encode(auth.secret) : createRemoteJWKSet(new URL(auth.jwksUrl as string));
    this.claims = { ...(auth.issuer ? { issuer: auth.issuer } : {}), ...(auth.audience ? { audience: auth.audience } : {}) };
    this.revoked = auth.revokedFile ? new RevocationList(auth.revokedFile, auth.revokedRefreshMs) : undefined;
  }

  async verify(authorization: string | undefined): Promise<Principal> {
    const token = bearerToken(authorization);
    if (!token) throw unauthorized(authorization ? 'The Authorization header must be "Bearer <token>".' : 'This route needs a bearer token.');
    const cached = this.verified.get(token);
    const known = cached && cached.expiresAt > Date.now() ? cached : await this.verifyAnew(token);
    if (this.revoked && (await this.revoked.names(known.names))) {
      this.verified.delete(token);
      throw unauthorized('The token has been revoked.');
    }
    return known.principal;
  }

  /** The subject of a token verified before and not expired, checking nothing: for rate limiting. */
  cachedSubject(authorization: string | undefined): string | undefined {
    const token = bearerToken(authorization);
    const known = token === undefined ? undefined : this.verified.get(token);
    return known && known.expiresAt > Date.now() ? known.principal.id : undefined;
  }

  private async verifyAnew(token: string): Promise<Verified> {
    const payload = await this.payloadOf(token);
    const verified: Verified = {
      principal: principalFrom(payload),
      expiresAt: (payload.exp as number) * 1000,
      names: [createHash('sha256').update(token).digest('hex'), ...(typeof payload.jti === 'string' ? [payload.jti] : [])],
    };
    if (this.verified.size >= verifiedKept) this.verified.clear();
    this.verified.set(token, verified);
    return verified;
  }

  private async payloadOf(token: string): Promise<JWTPayload> {
    try {
      const { payload } = await (typeof this.key === 'function'
        ? jwtVerify(token, this.key, { requiredClaims: ['exp', 'sub'], ...this.claims })
        : jwtVerify(token, this.key, { algorithms: ['HS256'], requiredClaims: ['exp', 'sub'], ...this.claims }));
      return payload;
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw unauthorized('The token has expired.');
      if (error instanceof errors.JOSEError) throw unauthorized(`The token is not valid (${error.code}).`);
      throw error;
    }
  }
}

const bearerToken = (authorization: string | undefined) => /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(authorization?.trim() ?? '')?.[1];

function principalFrom(payload: JWTPayload): Principal {
  const { sub, role, creditors } = payload as JWTPayload & { role?: unknown; creditors?: unknown };
  if (typeof sub !== 'string' || !idPattern.test(sub)) throw unauthorized("The token's sub must be 1–128 letters, digits or ._:@-.");
  if (typeof role !== 'string' || !(actorRoles as readonly string[]).includes(role))
    throw unauthorized(`The token's role must be one of ${actorRoles.join(', ')}.`);
  // Only the string "*" is the whole portfolio: ["*"] is a list naming a creditor "*", which no
  // creditor is, and is refused rather than read either way.
  const scope =
    creditors === '*' ? '*' : Array.isArray(creditors) && creditors.every((id) => typeof id === 'string' && isId(id)) ? (creditors as string[]) : undefined;
  if (!scope) throw unauthorized('The token\'s creditors must be a list of creditor ids, or "*".');
  return { id: sub, role: role as ActorRole, creditors: scope };
}

const unauthorized = (detail: string) =>
  new ProblemException(401, 'UNAUTHENTICATED', 'Unauthorized', detail, {}, { 'www-authenticate': 'Bearer realm="arrears"' });
