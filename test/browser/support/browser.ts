import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { repositoryRoot } from '../../e2e/support/built-service';

/** Debian's Chromium (`apt-get install -y chromium`), or the one CHROMIUM_PATH names. */
export const chromiumPath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((path): path is string => !!path && existsSync(path));

export const screenshotsDir = join(repositoryRoot, 'test/e2e/screenshots');

export interface ConsoleBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Headless Chromium on a fresh profile, in UTC with a laptop-sized window: the agent's zone is then
 * UTC, and the debtor's is whatever the account says.
 */
export async function launchConsoleBrowser(executablePath: string): Promise<ConsoleBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'arrears-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    timezoneId: 'UTC',
    locale: 'en-US',
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** A new tab (its own sessionStorage: signed out) that records what the page complained about. */
export async function newTab(browser: ConsoleBrowser): Promise<{ page: Page; complaints: string[] }> {
  const page = await browser.context.newPage();
  const complaints: string[] = [];
  page.on('pageerror', (error) => complaints.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A refused command is an HTTP error the browser logs as a failed load: that is the flow, not a fault.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) complaints.push(message.text());
  });
  return { page, complaints };
}

/** Signs in by pasting a token, as a person handed one would. */
export async function signIn(page: Page, baseUrl: string, token: string): Promise<void> {
  await page.goto(`${baseUrl}/console/`);
  await page.getByLabel('Bearer token').fill(token);
  await page.getByRole('button', { name: 'Use this token' }).click();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(screenshotsDir, { recursive: true });
  await page.screenshot({ path: join(screenshotsDir, `${name}.png`), fullPage: true });
}

interface AxeResults {
  violations: { id: string; help: string; nodes: { html: string }[] }[];
}

/**
 * The page's WCAG 2 A and AA violations (or those of the rule sets `tags` names), as axe-core finds them in
 * the page itself (evaluated through the debugging protocol, which the pages' Content-Security-Policy does
 * not govern), one line each.
 */
export async function accessibilityViolations(page: Page, tags: readonly string[] = ['wcag2a', 'wcag2aa']): Promise<string[]> {
  await page.evaluate(await readFile(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const results = await page.evaluate<AxeResults>(`axe.run(document, { runOnly: ${JSON.stringify(tags)} })`);
  return results.violations.map((violation) => `${violation.id} (${violation.help}): ${violation.nodes.map((node) => node.html).join(' | ')}`);
}
