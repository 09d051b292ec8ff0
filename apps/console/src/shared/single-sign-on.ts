import { ApiProblem } from '../api/problem';
import type { IdentityProvider } from '../api/schemas';

/**
 * Single sign-on with the identity provider: OAuth 2.0 authorization code with PKCE (RFC 7636, S256),
 * the console being a public client. What the round trip needs (the verifier, the state) waits in this
 * tab's sessionStorage, so the service keeps no session for it.
 */
const pendingKey = 'arrears.console.sign-in';

interface Pending {
  state: string;
  verifier: string;
  tokenEndpoint: string;
  clientId: string;
  redirectUri: string;
}

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
}

/** Where the provider sends the browser back: the console's root, which the provider must know. */
const redirectUri = () => `${window.location.origin}/console/`;

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** 32 random bytes: 43 characters, the verifier's recommended size (RFC 7636 §4.1). */
const randomToken = () => base64url(crypto.getRandomValues(new Uint8Array(32)));

const refused = (detail: string) => new ApiProblem({ status: 0, title: 'Single sign-on did not complete', detail });

async function discover(issuer: string): Promise<Discovery> {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) throw refused(`The identity provider’s configuration could not be read (HTTP ${response.status}).`);
  const discovery = (await response.json()) as Partial<Discovery>;
  // OpenID Connect Discovery §4.3: the document must name the issuer it was asked of.
  if (discovery.issuer !== issuer || !discovery.authorization_endpoint || !discovery.token_endpoint) {
    throw refused('The identity provider’s configuration does not match the issuer this service trusts.');
  }
  return discovery as Discovery;
}

/** Sends the browser to the provider's sign-in page; it comes back to the console with a code. */
export async function startSingleSignOn(provider: IdentityProvider): Promise<void> {
  const discovery = await discover(provider.issuer);
  const pending: Pending = {
    state: randomToken(),
    verifier: randomToken(),
    tokenEndpoint: discovery.token_endpoint,
    clientId: provider.clientId,
    redirectUri: redirectUri(),
  };
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(pending.verifier))));
  sessionStorage.setItem(pendingKey, JSON.stringify(pending));
  const url = new URL(discovery.authorization_endpoint);
  for (const [name, value] of Object.entries({
    response_type: 'code',
    client_id: provider.clientId,
    redirect_uri: pending.redirectUri,
    scope: provider.scope,
    state: pending.state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    // Some providers (Auth0) mint an access token for an API only when asked for its audience.
    audience: provider.audience,
  })) {
    url.searchParams.set(name, value);
  }
  window.location.assign(url.toString());
}

/** Whether this page is the provider sending the browser back (a code or an error, and a state). */
export const isSingleSignOnReturn = (query: URLSearchParams) => query.has('state') && (query.has('code') || query.has('error'));

/** Trades the code the provider sent back for an access token, once, for the sign-in this tab started. */
export async function finishSingleSignOn(query: URLSearchParams): Promise<string> {
  const stored = sessionStorage.getItem(pendingKey);
  sessionStorage.removeItem(pendingKey);
  const pending = stored ? (JSON.parse(stored) as Pending) : null;
  if (!pending || query.get('state') !== pending.state) throw refused('This sign-in was not started from this tab (its state does not match); sign in again.');
  const error = query.get('error');
  if (error) throw refused(`The identity provider answered ${error}${query.get('error_description') ? `: ${query.get('error_description')}` : ''}.`);
  const response = await fetch(pending.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: query.get('code') ?? '',
      redirect_uri: pending.redirectUri,
      client_id: pending.clientId,
      code_verifier: pending.verifier,
    }),
  });
  const answer = (await response.json().catch(() => ({}))) as { access_token?: unknown; error?: unknown };
  if (!response.ok || typeof answer.access_token !== 'string') {
    throw refused(`The identity provider would not give a token (${typeof answer.error === 'string' ? answer.error : `HTTP ${response.status}`}).`);
  }
  return answer.access_token;
}
