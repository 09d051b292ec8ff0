import { actorRoles, type ActorRole } from '@arrears/commands';
import { ProblemException } from '@arrears/platform';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { Principal } from './principal';

const idPattern = /^[A-Za-z0-9._:@-]{1,128}$/;
const verifiedKept = 10_000;

/**
 * Verifies bearer tokens (JWT) with `jose`: HS256 under a shared secret, or the keys an identity
 * provider publishes (JWKS). Claims: `sub` (the actor), `role`, and `creditors` (ids, or "*").
 * A verified token is remembered until it expires, so a client's next request skips the signature.
 */
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly verified = new Map<string, { principal: Principal; expiresAt: number }>();

  constructor(auth: { secret: string } | { jwksUrl: string }) {
    this.key = 'secret' in auth ? new TextEncoder().encode(auth.secret) : createRemoteJWKSet(new URL(auth.jwksUrl));
  }

  async verify(authorization: string | undefined): Promise<Principal> {
    const token = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(authorization?.trim() ?? '')?.[1];
    if (!token) throw unauthorized(authorization ? 'The Authorization header must be "Bearer <token>".' : 'This route needs a bearer token.');
    const known = this.verified.get(token);
    if (known && known.expiresAt > Date.now()) return known.principal;
    const payload = await this.payloadOf(token);
    const principal = principalFrom(payload);
    if (this.verified.size >= verifiedKept) this.verified.clear();
    this.verified.set(token, { principal, expiresAt: (payload.exp as number) * 1000 });
    return principal;
  }

  private async payloadOf(token: string): Promise<JWTPayload> {
    try {
      const { payload } = await (typeof this.key === 'function'
        ? jwtVerify(token, this.key, { requiredClaims: ['exp', 'sub'] })
        : jwtVerify(token, this.key, { algorithms: ['HS256'], requiredClaims: ['exp', 'sub'] }));
      return payload;
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw unauthorized('The token has expired.');
      if (error instanceof errors.JOSEError) throw unauthorized(`The token is not valid (${error.code}).`);
      throw error;
    }
  }
}

function principalFrom(payload: JWTPayload): Principal {
  const { sub, role, creditors } = payload as JWTPayload & { role?: unknown; creditors?: unknown };
  if (typeof sub !== 'string' || !idPattern.test(sub)) throw unauthorized('The token\'s sub must be 1–128 letters, digits or ._:@-.');
  if (typeof role !== 'string' || !(actorRoles as readonly string[]).includes(role)) throw unauthorized(`The token's role must be one of ${actorRoles.join(', ')}.`);
  const scope = creditors === '*' ? '*' : Array.isArray(creditors) && creditors.every((id) => typeof id === 'string') ? (creditors as string[]) : undefined;
  if (!scope) throw unauthorized('The token\'s creditors must be a list of creditor ids, or "*".');
  return { id: sub, role: role as ActorRole, creditors: scope };
}

const unauthorized = (detail: string) =>
  new ProblemException(401, 'UNAUTHENTICATED', 'Unauthorized', detail, {}, { 'www-authenticate': 'Bearer realm="arrears"' });
