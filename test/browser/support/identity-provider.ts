import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

/** Whom the provider signs in (it has no login form: whoever reaches its authorize endpoint is this person). */
export interface SignedInPerson {
  sub: string;
  role: string;
  creditors: string[] | '*';
}

export interface IdentityProvider {
  issuer: string;
  jwksUrl: string;
  /** Every code traded at the token endpoint, with whether its PKCE verifier matched the challenge. */
  exchanges: { verifierMatched: boolean; granted: boolean }[];
  close(): Promise<void>;
}

interface Grant {
  clientId: string;
  redirectUri: string;
  challenge: string;
}

/**
 * An OpenID provider on a loopback port, as far as the console uses one: discovery, the authorization
 * endpoint (code + PKCE S256, one registered redirect URI), the token endpoint (answering the console's
 * origin, CORS) and the keys (RS256). Codes are single-use.
 */
export async function startIdentityProvider(
  client: { clientId: string; redirectUri: () => string; audience: string },
  person: SignedInPerson,
): Promise<IdentityProvider> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const grants = new Map<string, Grant>();
  const exchanges: IdentityProvider['exchanges'] = [];
  let issuer = '';

  const authorize = (url: URL, response: ServerResponse) => {
    const query = Object.fromEntries(url.searchParams);
    const back = new URL(query.redirect_uri ?? '');
    // An unknown client or redirect is not sent back anywhere (RFC 6749 §4.1.2.1).
    if (query.client_id !== client.clientId || query.redirect_uri !== client.redirectUri()) {
      json(response, 400, { error: 'invalid_request' });
      return;
    }
    back.searchParams.set('state', query.state ?? '');
    if (query.response_type !== 'code' || query.code_challenge_method !== 'S256' || !query.code_challenge) {
      back.searchParams.set('error', 'invalid_request');
    } else {
      const code = randomBytes(16).toString('hex');
      grants.set(code, { clientId: query.client_id, redirectUri: query.redirect_uri, challenge: query.code_challenge });
      back.searchParams.set('code', code);
    }
    response.writeHead(302, { location: back.toString() }).end();
  };

  const token = async (request: IncomingMessage, response: ServerResponse) => {
    const form = new URLSearchParams(await body(request));
    const grant = grants.get(form.get('code') ?? '');
    grants.delete(form.get('code') ?? '');
    const verifierMatched =
      !!grant &&
      createHash('sha256')
        .update(form.get('code_verifier') ?? '')
        .digest('base64url') === grant.challenge;
    const granted =
      verifierMatched &&
      form.get('grant_type') === 'authorization_code' &&
      form.get('client_id') === grant.clientId &&
      form.get('redirect_uri') === grant.redirectUri;
    exchanges.push({ verifierMatched, granted });
    if (!granted) return json(response, 400, { error: 'invalid_grant' });
    const accessToken = await new SignJWT({ role: person.role, creditors: person.creditors })
      .setProtectedHeader({ alg: 'RS256', kid: jwk.kid as string })
      .setSubject(person.sub)
      .setIssuer(issuer)
      .setAudience(client.audience)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(privateKey);
    return json(response, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: 600 });
  };

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', issuer);
    response.setHeader('access-control-allow-origin', '*');
    if (url.pathname === '/.well-known/openid-configuration') {
      json(response, 200, { issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks` });
    } else if (url.pathname === '/authorize') authorize(url, response);
    else if (url.pathname === '/token' && request.method === 'POST') void token(request, response);
    else if (url.pathname === '/jwks') json(response, 200, { keys: [jwk] });
    else json(response, 404, { error: 'not_found' });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    exchanges,
    close: () =>
      new Promise((closed) => {
        server.close(() => {
          closed();
        });
      }),
  };
}

const json = (response: ServerResponse, status: number, value: unknown) =>
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));

async function body(request: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return text;
}
