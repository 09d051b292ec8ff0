/** The signed-in person: the bearer token lives in this tab's sessionStorage only (no server-side session). */
export type Role = 'agent' | 'supervisor' | 'auditor' | 'analyst' | 'system';

export interface Session {
  token: string;
  subject: string;
  role: Role;
  creditors: string[] | '*';
  /** When the token stops being accepted (ms since the epoch), if it says. */
  expiresAt: number | null;
}

const key = 'arrears.console.token';
const roles: readonly Role[] = ['agent', 'supervisor', 'auditor', 'analyst', 'system'];

/** Reads a token's claims to show who is signed in; the service verifies its signature on every call. */
export function sessionOf(token: string): Session | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
    const role = roles.find((known) => known === claims.role);
    if (!role || typeof claims.sub !== 'string') return null;
    const creditors = claims.creditors === '*' ? '*' : Array.isArray(claims.creditors) ? claims.creditors.map(String) : [];
    return { token, subject: claims.sub, role, creditors, expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : null };
  } catch {
    return null;
  }
}

export function storedSession(): Session | null {
  const token = sessionStorage.getItem(key);
  const session = token ? sessionOf(token) : null;
  if (!session || (session.expiresAt !== null && session.expiresAt < Date.now())) return null;
  return session;
}

export function keepToken(token: string): void {
  sessionStorage.setItem(key, token);
}

export function forgetToken(): void {
  sessionStorage.removeItem(key);
}
