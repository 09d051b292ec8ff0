import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { ActorRole } from '@arrears/commands';
import { mintToken } from '../../apps/api/src/auth/mint-token';
import { signingSecretFile } from '../../apps/api/src/auth/signing-secret';
import { startBuiltService, stopServiceAfterAll, type BuiltService } from '../e2e/support/built-service';
import { accessibilityViolations, chromiumPath, launchConsoleBrowser, newTab, screenshot, signIn, type ConsoleBrowser } from './support/browser';
import { afternoonBefore, seedPortfolio, zoneAtNight } from './support/portfolio';
import { fixtureModel } from '../../libs/domain/src/risk/score-model.fixtures';

if (!chromiumPath) {
  console.warn('Skipping the console in a browser: no Chromium at /usr/bin/chromium (install it with `apt-get install -y chromium`, or set CHROMIUM_PATH).');
}
const inChromium = chromiumPath ? describe : describe.skip;

/** datetime-local's value for an instant, in the browser's zone (UTC here). */
const wallClock = (at: Date) => at.toISOString().slice(0, 16);

inChromium('the console, in a browser, against the built service on the embedded default', () => {
  jest.setTimeout(120_000);
  const nightZone = zoneAtNight();
  let dataDir: string;
  // Unset when beforeAll failed half-way: afterAll stops what did start.
  let service: BuiltService | undefined;
  let browser: ConsoleBrowser | undefined;
  let seededAt: Date;

  const token = async (role: ActorRole, id: string) =>
    mintToken((await readFile(signingSecretFile(dataDir), 'utf8')).trim(), { id, role, creditors: '*' }, '1h');

  const signedIn = async (role: ActorRole, id: string) => {
    const tab = await newTab(browser!);
    await signIn(tab.page, service!.url, await token(role, id));
    return tab;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'arrears-console-'));
    // One behaviour model scores the accounts (the worklist keeps its default order, the heuristic).
    const models = join(dataDir, 'score-models');
    await mkdir(models);
    await writeFile(join(models, 'behaviour-test.json'), JSON.stringify(fixtureModel('behaviour-test')));
    service = await startBuiltService({ DATA_DIR: dataDir, SCORE_MODELS_DIR: models });
    // The top of the worklist (most owed) lives where it is night now; the others are reassigned by the supervisor.
    await seedPortfolio(service, [
      { accountId: 'acc-night', name: 'Ada Lovelace', timeZone: nightZone, owed: 90_000 },
      { accountId: 'acc-team-1', name: 'Charles Babbage', timeZone: 'America/Chicago', owed: 20_000 },
      { accountId: 'acc-team-2', name: 'Grace Hopper', timeZone: 'America/Denver', owed: 10_000 },
    ]);
    seededAt = new Date();
    browser = await launchConsoleBrowser(chromiumPath as string);
  });

  afterAll(async () => {
    await browser?.close();
    await stopServiceAfterAll(service);
    await rm(dataDir, { recursive: true, force: true });
  });

  const row = (page: Page, accountId: string) => page.locator(`tr[data-account="${accountId}"]`);

  it('lets an agent take the top account, be refused a call at night with the rule, log an allowed call and a promise, and see it on the worklist', async () => {
    const { page, complaints } = await signedIn('agent', 'agent-7');
    await page.getByRole('heading', { name: 'Worklist' }).waitFor();
    const top = page.locator('table.worklist tbody tr').first();
    await expect(top.getAttribute('data-account')).resolves.toBe('acc-night');
    await top.getByRole('button', { name: 'Claim acc-night' }).click();
    await top.getByText('Yours until').waitFor();

    await top.getByRole('link', { name: 'acc-night' }).click();
    await page.getByRole('heading', { name: 'May I call now?' }).waitFor();
    await page.getByText('Not now.').waitFor();
    await page.getByText(`the debtor’s time (${nightZone})`).first().waitFor();

    const logContact = page.getByRole('form', { name: 'Log a contact' });
    await logContact.getByRole('button', { name: 'Log contact' }).click();
    const refusal = logContact.getByRole('alert');
    await refusal.getByText('OUTSIDE_CONTACT_HOURS').waitFor();
    await expect(refusal.textContent()).resolves.toContain(`outside 08:00–21:00 in ${nightZone}`);
    await refusal.getByText('Allowed from').waitFor();
    await screenshot(page, 'agent-call-refused');
    await expect(accessibilityViolations(page)).resolves.toEqual([]);

    // The call the agent made this afternoon, the debtor's time, when calling was allowed.
    await logContact.getByLabel('When (your time; empty for now)').fill(wallClock(afternoonBefore(nightZone)));
    await logContact.getByRole('button', { name: 'Log contact' }).click();
    await logContact.getByText('Logged: outbound call, right party contact.').waitFor();

    await page.getByRole('button', { name: 'Promise' }).click();
    const promise = page.getByRole('form', { name: 'Record a promise to pay' });
    await promise.getByLabel('Promised amount (USD)').fill('250.00');
    await promise.getByRole('button', { name: 'Record promise' }).click();
    await promise.getByText('Promise recorded.').waitFor();
    await page.getByText(/Open promise promise-\w+: \$250\.00 by/).waitFor();
    // The timeline, newest first: the promise, then the call it followed.
    const timeline = page.getByRole('region', { name: 'Timeline' }).locator('tbody tr');
    await timeline.first().getByText('PromiseToPayMade').waitFor();
    await timeline.nth(1).getByText('ContactAttempted').waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Worklist' }).click();
    await row(page, 'acc-night').locator('.promise', { hasText: '$250.00' }).waitFor();
    await screenshot(page, 'agent');
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    // A tablet held upright: the worklist scrolls sideways within its box, the page does not.
    await page.setViewportSize({ width: 810, height: 1080 });
    await expect(page.evaluate('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(810);
    await screenshot(page, 'agent-tablet');
    expect(complaints).toEqual([]);
  });

  it('asks again when the read model is behind, saying so meanwhile, and then shows the read', async () => {
    const { page, complaints } = await newTab(browser!);
    let behind = 1;
    await page.route('**/worklist?**', async (route) => {
      if (behind-- > 0) {
        await route.fulfill({
          status: 503,
          headers: { 'retry-after': '1', 'content-type': 'application/problem+json' },
          body: JSON.stringify({
            status: 503,
            code: 'READ_MODEL_BEHIND',
            title: 'Service unavailable',
            detail: 'The worklist read model has not reached position 9 yet; retry shortly.',
          }),
        });
      } else await route.continue();
    });
    // Signed in, the agent lands on the worklist: its first read finds the read model behind.
    await signIn(page, service!.url, await token('agent', 'agent-8'));
    await page.getByText('The figures are catching up with the latest changes; asking again…').waitFor();
    await row(page, 'acc-night').waitFor();
    await expect(page.getByRole('status').filter({ hasText: 'catching up' }).count()).resolves.toBe(0);
    expect(complaints).toEqual([]);
  });

  it('shows an agent how likely each account is to pay and why, in words, on the worklist and the account', async () => {
    const { page } = await signedIn('agent', 'agent-8');
    const line = row(page, 'acc-team-1');
    await line.getByText(/likely to pay · (low|medium|high) risk/).waitFor();
    await line.getByText(/overdue × [\d.]+ % ×/).waitFor();
    await line.getByText('Why', { exact: true }).click();
    await line.getByText(/^Days past due: lowers the chance of paying/).waitFor();
    await expect(accessibilityViolations(page)).resolves.toEqual([]);

    await line.getByRole('link', { name: 'acc-team-1' }).click();
    const propensity = page.getByRole('region', { name: 'Propensity to pay' });
    await propensity.getByText(/likely to pay/).waitFor();
    await propensity.getByText(/^Expected recovery: /).waitFor();
    // Largest first: days past due is the only feature of this model that moves for a new debtor.
    await expect(propensity.locator('li').first().textContent()).resolves.toMatch(/^Days past due: lowers the chance of paying/);
    await propensity.getByText('model behaviour-test (champion)', { exact: false }).waitFor();
    await screenshot(page, 'agent-propensity');
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
  });

  it('shows an analyst the KPI dashboard, for another period, and downloads it as CSV', async () => {
    const { page, complaints } = await signedIn('analyst', 'analyst-1');
    await page.getByRole('heading', { name: 'KPIs' }).waitFor();
    await page.locator('.chart canvas').first().waitFor();
    await page.getByText('Collected', { exact: true }).waitFor();

    const from = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const asked = page.waitForResponse((response) => response.url().includes(`/kpis?from=${from}`) && response.status() === 200);
    await page.getByLabel('From').fill(from);
    await asked;
    await page.locator('.chart canvas').first().waitFor();

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(new RegExp(`^kpis-portfolio-${from}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const csv = await readFile(await file.path(), 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^date,currency,/);
    expect(csv).toContain(`${from},USD,`);
    await screenshot(page, 'analyst');
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    expect(complaints).toEqual([]);
  });

  it('lets an auditor verify an account’s chain and see it as of an instant and as at a business date, side by side', async () => {
    const { page, complaints } = await signedIn('auditor', 'auditor-1');
    await page.getByLabel('Account id').fill('acc-team-1');
    await page.getByRole('button', { name: 'Open' }).click();
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.getByText(/^Intact: 3 events/).waitFor();

    const byRecord = page.locator('[data-cut="asOf"]');
    await byRecord.getByLabel('Recorded by (instant, your time)').fill(wallClock(new Date(seededAt.getTime() + 60_000)));
    await byRecord.getByRole('button', { name: 'Show as of' }).click();
    await byRecord.getByText('$200.00').first().waitFor();

    const byBusiness = page.locator('[data-cut="asAt"]');
    await byBusiness.getByRole('button', { name: 'Show as at' }).click();
    // 30 days ago the payment (20 days ago) had not been received: the whole invoice was owed.
    await byBusiness.getByText('$250.00').first().waitFor();
    await page.getByRole('heading', { name: 'History' }).waitFor();
    await page.getByText('PaymentReceived').waitFor();
    await screenshot(page, 'auditor');
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    expect(complaints).toEqual([]);
  });

  it('lets a supervisor reassign accounts in bulk', async () => {
    const { page, complaints } = await signedIn('supervisor', 'supervisor-1');
    await page.getByRole('heading', { name: 'Reassign' }).waitFor();
    await page.getByLabel('Select acc-team-1').check();
    await page.getByLabel('Select acc-team-2').check();
    await page.getByLabel('To agent').fill('agent-9');
    await page.getByRole('button', { name: 'Reassign 2 selected' }).click();
    await row(page, 'acc-team-1').locator('.agent', { hasText: 'agent-9' }).waitFor();
    await row(page, 'acc-team-2').locator('.agent', { hasText: 'agent-9' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'acc-team-1 → agent-9' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'acc-team-2 → agent-9' }).waitFor();
    // The day's figures per agent are read again: agent-9 now holds both accounts.
    const figures = page.getByRole('region', { name: 'Today per agent' }).locator('tbody tr', { hasText: 'agent-9' });
    await figures.locator('td:nth-child(3)', { hasText: /^2$/ }).waitFor();
    await screenshot(page, 'supervisor');
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    expect(complaints).toEqual([]);
  });

  it('shows on the worklist line which invoices wait for a supervisor’s credit decision', async () => {
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const posted = async (path: string, body: unknown) => {
      const response = await service!.request(path, { body });
      expect(response.status).toBeLessThan(300);
      return ((await response.json()) as { position: number }).position;
    };
    await posted('/accounts/acc-team-2/credit-limit', { amount: 100, currency: 'USD', overLimit: 'approve' });
    const position = await posted('/accounts/acc-team-2/invoices', { invoiceId: 'inv-2', amount: 100, currency: 'USD', issuedOn: day(-1), dueOn: day(29) });
    expect((await service!.request(`/worklist?creditApproval=pending&minPosition=${position}`, { role: 'supervisor' })).status).toBe(200);

    const { page, complaints } = await signedIn('supervisor', 'supervisor-1');
    await page.getByRole('link', { name: 'Worklist' }).click();
    await row(page, 'acc-team-2').getByText('Awaiting credit approval:').waitFor();
    await expect(row(page, 'acc-team-2').textContent()).resolves.toContain('Awaiting credit approval: inv-2');
    await expect(row(page, 'acc-team-1').getByText('Awaiting credit approval:').count()).resolves.toBe(0);
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    expect(complaints).toEqual([]);
  });
});
