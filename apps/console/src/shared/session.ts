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

/** The session to send requests with: none once its token expired. */
export function storedSession(): Session | null {
  const session = signedIn();
  if (!session || (session.expiresAt !== null && session.expiresAt < Date.now())) return null;
  return session;
}

/**
 * Who signed in to this tab, even once the token expired: what the page shows stays shaped for them
 * (their role's forms, their claims) while they sign in again over it.
 */
export function signedIn(): Session | null {
  const token = sessionStorage.getItem(key);
  return token ? sessionOf(token) : null;
}

export function keepToken(token: string): void {
  sessionStorage.setItem(key, token);
}

export function forgetToken(): void {
  sessionStorage.removeItem(key);
}

type ExpiryListener = (token: string | null) => void;

const expiryListeners = new Set<ExpiryListener>();
const renewalListeners = new Set<() => void>();

/**
 * The service stopped accepting a token (it answered 401): the shell asks the person to sign in again
 * over the page. `token` is the one the refused request carried; null when it carried none.
 */
export function sessionExpired(token: string | null): void {
  for (const listener of expiryListeners) listener(token);
}

export function onSessionExpired(listener: ExpiryListener): () => void {
  expiryListeners.add(listener);
  return () => expiryListeners.delete(listener);
}

/** Signed in again after an expiry: the reads the service refused ask again. */
export function sessionRenewed(): void {
  for (const listener of renewalListeners) listener();
}

export function onSessionRenewed(listener: () => void): () => void {
  renewalListeners.add(listener);
  return () => renewalListeners.delete(listener);
}
