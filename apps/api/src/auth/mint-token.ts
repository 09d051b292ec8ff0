import { SignJWT } from 'jose';
import type { Principal } from './principal';

/** An HS256 token for a principal under the shared secret, valid for `ttl` (jose's form: "8h", "30m"). */
export function mintToken(secret: string, principal: Principal, ttl = '8h'): Promise<string> {
  return new SignJWT({ role: principal.role, creditors: principal.creditors })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(principal.id)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(new TextEncoder().encode(secret));
}
