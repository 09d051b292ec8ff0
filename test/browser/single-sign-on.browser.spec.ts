import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBuiltService, stopServiceAfterAll, type BuiltService } from '../e2e/support/built-service';
import { accessibilityViolations, chromiumPath, launchConsoleBrowser, newTab, screenshot, type ConsoleBrowser } from './support/browser';
import { startIdentityProvider, type IdentityProvider } from './support/identity-provider';

if (!chromiumPath) {
  console.warn('Skipping single sign-on in a browser: no Chromium at /usr/bin/chromium (install it with `apt-get install -y chromium`, or set CHROMIUM_PATH).');
}
const inChromium = chromiumPath ? describe : describe.skip;

inChromium('signing in to the console with the identity provider (authorization code + PKCE)', () => {
  jest.setTimeout(120_000);
  let dataDir: string;
  let provider: IdentityProvider | undefined;
  let service: BuiltService | undefined;
  let browser: ConsoleBrowser | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'arrears-sso-'));
    const client = { clientId: 'arrears-console', audience: 'arrears', redirectUri: () => `${service?.url ?? ''}/console/` };
    provider = await startIdentityProvider(client, { sub: 'agent-sso', role: 'agent', creditors: ['cred-1'] });
    service = await startBuiltService({
      DATA_DIR: dataDir,
      AUTH_JWKS_URL: provider.jwksUrl,
      AUTH_ISSUER: provider.issuer,
      AUTH_AUDIENCE: client.audience,
      AUTH_OIDC_CLIENT_ID: client.clientId,
    });
    browser = await launchConsoleBrowser(chromiumPath as string);
  });

  afterAll(async () => {
    await browser?.close();
    await stopServiceAfterAll(service);
    await provider?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('offers the provider and not the development sign-in, and comes back signed in with the provider’s token', async () => {
    const { page, complaints } = await newTab(browser!);
    await page.goto(`${service!.url}/console/`);
    const signInWithProvider = page.getByRole('button', { name: `Sign in with ${new URL(provider!.issuer).host}` });
    await signInWithProvider.waitFor();
    await expect(page.getByRole('heading', { name: 'Development sign-in' }).count()).resolves.toBe(0);
    await expect(accessibilityViolations(page)).resolves.toEqual([]);

    await signInWithProvider.click();
    await page.getByRole('heading', { name: 'Worklist' }).waitFor();
    await page.getByText('agent-sso (agent)').waitFor();
    // The code was traded once, with the verifier whose challenge went to the authorize endpoint.
    expect(provider!.exchanges).toEqual([{ verifierMatched: true, granted: true }]);
    // And the address no longer carries the code.
    expect(new URL(page.url()).search).not.toContain('code=');
    await screenshot(page, 'single-sign-on');
    expect(complaints).toEqual([]);
  });

  it('refuses a return it did not start (another state), trading no code', async () => {
    const { page } = await newTab(browser!);
    await page.goto(`${service!.url}/console/?code=stolen&state=forged`);
    await page.getByText('This sign-in was not started from this tab').waitFor();
    expect(provider!.exchanges).toHaveLength(1);
    await page.getByRole('button', { name: `Sign in with ${new URL(provider!.issuer).host}` }).waitFor();
  });
});
