import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startBuiltService, stopServiceAfterAll, type BuiltService } from '../e2e/support/built-service';
import { accessibilityViolations, chromiumPath, launchConsoleBrowser, newTab, screenshot, type ConsoleBrowser } from './support/browser';

if (!chromiumPath) {
  console.warn('Skipping the portal in a browser: no Chromium at /usr/bin/chromium (install it with `apt-get install -y chromium`, or set CHROMIUM_PATH).');
}
const inChromium = chromiumPath ? describe : describe.skip;

/** Every rule axe-core has for WCAG 2.0, 2.1 and 2.2 at levels A and AA. */
const wcag22AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

inChromium('the debtor’s portal, in a phone-sized browser, against the built service on the embedded default', () => {
  jest.setTimeout(120_000);
  let dataDir: string;
  let service: BuiltService | undefined;
  let browser: ConsoleBrowser | undefined;

  async function posted(path: string, body: unknown, role: 'supervisor' | 'system' = 'supervisor'): Promise<Record<string, unknown>> {
    const response = await service!.request(path, { role, body });
    if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  }

  /** An account owing 300.00 on an invoice 45 days past due, its debtor's postal code 12207; returns a fresh portal link. */
  async function accountWithLink(accountId: string, language: 'en' | 'es'): Promise<string> {
    await posted(
      '/accounts',
      {
        accountId,
        creditorId: 'cred-1',
        openedOn: day(-80),
        debtor: {
          reference: `D-${accountId}`,
          name: 'Ada Lovelace',
          timeZone: 'America/New_York',
          language,
          email: 'ada@example.com',
          address: { lines: ['12 Analytical Row'], city: 'Albany', region: 'NY', postalCode: '12207', country: 'US' },
        },
      },
      'system',
    );
    await posted(`/accounts/${accountId}/invoices`, { invoiceId: 'inv-1', amount: 30_000, currency: 'USD', issuedOn: day(-75), dueOn: day(-45) }, 'system');
    return (await posted(`/accounts/${accountId}/portal-links`, {})).url as string;
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'arrears-portal-'));
    service = await startBuiltService({ DATA_DIR: dataDir });
    browser = await launchConsoleBrowser(chromiumPath as string);
  });

  afterAll(async () => {
    await browser?.close();
    await stopServiceAfterAll(service);
    await rm(dataDir, { recursive: true, force: true });
  });

  /** A phone-sized tab on the link. */
  async function opened(link: string) {
    const tab = await newTab(browser!);
    await tab.page.setViewportSize({ width: 390, height: 844 });
    await tab.page.goto(link);
    return tab;
  }

  async function checked(page: Page, name: string): Promise<void> {
    expect(await accessibilityViolations(page, wcag22AA)).toEqual([]);
    await screenshot(page, name);
  }

  async function signedIn(page: Page, postalCode = '12207'): Promise<void> {
    await page.getByLabel(/Postal code|Código postal/).fill(postalCode);
    await page.getByRole('button', { name: /Continue|Continuar/ }).click();
  }

  it('opens the link, asks the postal code, shows the balance, takes a plan, goes to pay, and thanks', async () => {
    const link = await accountWithLink('acc-portal-1', 'en');
    const { page, complaints } = await opened(link);
    await page.getByRole('heading', { name: 'Check it is you' }).waitFor();
    await checked(page, 'portal-1-second-factor');

    await signedIn(page, '99999');
    await page.getByText('You can try 4 more times.').waitFor();
    await checked(page, 'portal-2-wrong-postal-code');

    await signedIn(page);
    await page.getByRole('heading', { name: 'You owe' }).waitFor();
    expect(await page.locator('.balance .figure').textContent()).toBe('$300.00');
    await checked(page, 'portal-3-balance');

    await page.getByLabel(/^3 payments/).check();
    await page.getByRole('button', { name: 'Accept this plan' }).click();
    await page.getByRole('heading', { name: 'Your payment plan' }).waitFor();
    expect(await page.locator('#plan-title + ol li').count()).toBe(3);
    await checked(page, 'portal-4-plan-agreed');

    // The next installment is what is due now; the built-in test provider's hosted page stands in for a card form.
    await page.getByRole('button', { name: 'Pay now: $100.00' }).click();
    await page.waitForURL(/\/online-payments\/test-checkout\//);
    await screenshot(page, 'portal-5-checkout');
    await page.getByRole('button', { name: 'Pay USD 100.00' }).click();
    await page.waitForURL(/\/portal\/thanks$/);
    await page.getByRole('heading', { name: 'Thank you' }).waitFor();
    await checked(page, 'portal-6-thank-you');

    // Back to the account (the link kept in the tab), the payment is there.
    await page.getByRole('link', { name: 'Back to your account' }).click();
    await signedIn(page);
    await page.getByRole('heading', { name: 'You owe' }).waitFor();
    expect(await page.locator('.balance .figure').textContent()).toBe('$200.00');
    await page
      .getByText(/: \$100\.00$/)
      .first()
      .waitFor();
    expect(complaints).toEqual([]);
  });

  it('takes a dispute and an opt-out, and shows a refusal with the rule’s code', async () => {
    const { page, complaints } = await opened(await accountWithLink('acc-portal-2', 'en'));
    await signedIn(page);
    await page.getByRole('heading', { name: 'You owe' }).waitFor();

    await page.getByText('I do not think I owe this').click();
    await page.getByLabel('Why').fill('I paid this invoice in cash in January.');
    await page.getByLabel(/Reference of a document/).fill('receipt-2026-01');
    await page.locator('#dispute').getByRole('button', { name: 'Send' }).click();
    await page.locator('#dispute').getByText('Done. Thank you.').waitFor();
    await checked(page, 'portal-7-dispute');

    await page.getByText('Stop contacting me by…').click();
    await page.getByLabel('Way of contact').selectOption('sms');
    await page.locator('#opt-out').getByRole('button', { name: 'Stop' }).click();
    await page.locator('#opt-out').getByText('Done. Thank you.').waitFor();
    await page.locator('#opt-out').getByRole('button', { name: 'Already stopped' }).waitFor();
    await checked(page, 'portal-8-opt-out');

    await page.getByText('Promise to pay').click();
    await page.getByLabel('Amount (USD)').fill('50');
    await page.getByLabel('By (date)').fill(day(-3));
    await page.locator('#promise').getByRole('button', { name: 'Send' }).click();
    await page.locator('#promise').getByText('PROMISE_DATE_IN_PAST').waitFor();
    await checked(page, 'portal-9-refusal');
    expect(complaints).toEqual([]);
  });

  it('speaks the debtor’s language on file, and switches', async () => {
    const { page, complaints } = await opened(await accountWithLink('acc-portal-3', 'es'));
    await signedIn(page);
    await page.getByRole('heading', { name: 'Usted debe' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    await checked(page, 'portal-10-spanish');
    await page.getByLabel('Idioma').selectOption('en');
    await page.getByRole('heading', { name: 'You owe' }).waitFor();
    expect(complaints).toEqual([]);
  });
});
