import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TokenVerifier } from './token-verifier';

const secret = 'unit-secret-of-at-least-thirty-two-characters';
const hs256 = (claims: JWTPayload) =>
  new SignJWT({ role: 'agent', ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('agent-7')
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(secret));
const bearer = (token: string) => `Bearer ${token}`;

describe('TokenVerifier', () => {
  describe('the creditors claim', () => {
    const verifier = new TokenVerifier({ secret, revokedRefreshMs: 0 });

    it('reads the string "*" as the whole portfolio and a list as those creditors', async () => {
      expect((await verifier.verify(bearer(await hs256({ creditors: '*' })))).creditors).toBe('*');
      expect((await verifier.verify(bearer(await hs256({ creditors: ['cred-a', 'cred-b'] })))).creditors).toEqual(['cred-a', 'cred-b']);
    });

    it.each([[['*']], [['cred-a', '*']], [['']], [[7]]])('refuses %j: not a list of creditor ids, and not the portfolio', async (creditors) => {
      await expect(verifier.verify(bearer(await hs256({ creditors })))).rejects.toMatchObject({
        status: 401,
        code: 'UNAUTHENTICATED',
        message: expect.stringContaining('creditors'),
      });
    });
  });

  describe('issuer and audience', () => {
    let server: Server;
    let jwksUrl: string;
    let sign: (claims: JWTPayload) => Promise<string>;
    beforeAll(async () => {
      const { publicKey, privateKey } = await generateKeyPair('ES256');
      const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }] });
      server = createServer((_, response) => response.setHeader('content-type', 'application/json').end(jwks));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
      sign = (claims) =>
        new SignJWT({ role: 'agent', creditors: '*', ...claims })
          .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
          .setSubject('agent-7')
          .setExpirationTime('1h')
          .sign(privateKey);
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    it('accepts, in JWKS mode, only tokens from the configured issuer for the configured audience', async () => {
      const verifier = new TokenVerifier({ jwksUrl, issuer: 'https://idp.example', audience: 'arrears', revokedRefreshMs: 0 });
      expect((await verifier.verify(bearer(await sign({ iss: 'https://idp.example', aud: 'arrears' })))).id).toBe('agent-7');
      for (const claims of [
        { iss: 'https://other.example', aud: 'arrears' },
        { iss: 'https://idp.example', aud: 'another-service' },
        { aud: 'arrears' },
        { iss: 'https://idp.example' },
      ]) {
        await expect(verifier.verify(bearer(await sign(claims)))).rejects.toMatchObject({ status: 401 });
      }
    });

    it('checks them with a shared secret too, when configured', async () => {
      const verifier = new TokenVerifier({ secret, issuer: 'billing', audience: 'arrears', revokedRefreshMs: 0 });
      await expect(verifier.verify(bearer(await hs256({ creditors: '*', iss: 'billing', aud: 'arrears' })))).resolves.toMatchObject({ id: 'agent-7' });
      await expect(verifier.verify(bearer(await hs256({ creditors: '*', iss: 'billing', aud: 'elsewhere' })))).rejects.toMatchObject({ status: 401 });
    });
  });

  describe('revocation', () => {
    it('refuses a token on its next request once its jti or its hash is listed, though its verification is cached', async () => {
      const file = join(await mkdtemp(join(tmpdir(), 'revoked-')), 'revoked.txt');
      const verifier = new TokenVerifier({ secret, revokedFile: file, revokedRefreshMs: 0 });
      const byJti = await hs256({ creditors: '*', jti: 'token-1' });
      const byHash = await hs256({ creditors: '*', jti: 'token-2' });
      const kept = await hs256({ creditors: '*', jti: 'token-3' });
      for (const token of [byJti, byHash, kept]) await expect(verifier.verify(bearer(token))).resolves.toMatchObject({ id: 'agent-7' });

      await writeFile(file, `# revoked on 2026-12-02\ntoken-1\n${createHash('sha256').update(byHash).digest('hex')}\n`);
      for (const token of [byJti, byHash]) {
        await expect(verifier.verify(bearer(token))).rejects.toMatchObject({ status: 401, message: 'The token has been revoked.' });
      }
      await expect(verifier.verify(bearer(kept))).resolves.toMatchObject({ id: 'agent-7' });
    });

    it('looks at the file again only after the refresh interval', async () => {
      const file = join(await mkdtemp(join(tmpdir(), 'revoked-')), 'revoked.txt');
      await writeFile(file, '');
      const verifier = new TokenVerifier({ secret, revokedFile: file, revokedRefreshMs: 200 });
      const token = await hs256({ creditors: '*', jti: 'token-4' });
      await verifier.verify(bearer(token));
      await writeFile(file, 'token-4\n');
      await expect(verifier.verify(bearer(token))).resolves.toMatchObject({ id: 'agent-7' });
      await new Promise((resolve) => setTimeout(resolve, 250));
      await expect(verifier.verify(bearer(token))).rejects.toMatchObject({ status: 401 });
    });
  });
});
