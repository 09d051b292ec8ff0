import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Request } from 'playwright-core';
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

  const token = async (role: ActorRole, id: string, ttl = '1h') =>
    mintToken((await readFile(signingSecretFile(dataDir), 'utf8')).trim(), { id, role, creditors: '*' }, ttl);

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
    // The next contact is logged as made now, not at the past instant just used.
    await expect(logContact.getByLabel('When (your time; empty for now)').inputValue()).resolves.toBe('');

    await page.getByRole('button', { name: 'Promise' }).click();
    const promise = page.getByRole('form', { name: 'Record a promise to pay' });
    await promise.getByLabel('Promised amount (USD)').fill('250.00');
    // The service records the promise, but its answer is lost on the way back: the agent sends it again.
    const promises = '**/accounts/acc-night/promises';
    await page.route(promises, async (route) => {
      await route.fetch();
      await route.abort();
    });
    await promise.getByRole('button', { name: 'Record promise' }).click();
    await promise.getByRole('alert').getByText('The service could not be reached').waitFor();
    const promisesMade = async () => {
      const stored = (await (await service!.request('/accounts/acc-night/events', { role: 'auditor' })).json()) as { events: { type: string }[] };
      return stored.events.filter((event) => event.type === 'PromiseToPayMade').length;
    };
    await expect(promisesMade()).resolves.toBe(1);
    await page.unroute(promises);
    await promise.getByRole('button', { name: 'Record promise' }).click();
    await promise.getByText('Promise recorded.').waitFor();
    await expect(promisesMade()).resolves.toBe(1);
    await page.getByText(/Open promise promise-\w+: \$250\.00 by/).waitFor();
    // The timeline, newest first: the promise, then the call it followed.
    const timeline = page.getByRole('region', { name: 'Timeline' }).locator('tbody tr');
    await timeline.first().getByText('PromiseToPayMade').waitFor();
    await timeline.nth(1).getByText('ContactAttempted').waitFor();

    // The plan's rows follow its schedule: two installments are two rows, adding up to what is owed.
    await page.getByRole('button', { name: 'Plan', exact: true }).click();
    const plan = page.getByRole('form', { name: 'Agree a payment plan' });
    await plan.getByLabel('Installments').fill('2');
    await expect(plan.locator('tbody tr').count()).resolves.toBe(2);
    await expect(plan.getByLabel('Installment 2 amount').inputValue()).resolves.toBe('450.00');
    await plan.getByText('Adds up to $900.00.').waitFor();

    // A note half typed survives a look at another form; holds are a supervisor's to place.
    const actions = page.getByRole('group', { name: 'What to record' });
    await actions.getByRole('button', { name: 'Note', exact: true }).click();
    await page.getByRole('form', { name: 'Add a note' }).getByLabel('Note').fill('Half now, half on payday.');
    await actions.getByRole('button', { name: 'Promise', exact: true }).click();
    await actions.getByRole('button', { name: 'Note', exact: true }).click();
    await expect(page.getByRole('form', { name: 'Add a note' }).getByLabel('Note').inputValue()).resolves.toBe('Half now, half on payday.');
    await expect(actions.getByRole('button', { name: 'Hold' }).count()).resolves.toBe(0);

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

  it('asks whoever’s session ended to sign in again over the page, which keeps what they typed', async () => {
    const { page, complaints } = await newTab(browser!);
    await page.goto(`${service!.url}/console/accounts/acc-team-2`);
    await page.getByLabel('Bearer token').fill(await token('agent', 'agent-8', '12s'));
    await page.getByRole('button', { name: 'Use this token' }).click();
    await page.getByRole('button', { name: 'Note', exact: true }).click();
    const note = page.getByRole('form', { name: 'Add a note' });
    await note.getByLabel('Note').fill('Asked to be called back after payday.');

    // The token's exp passes: the sign-in comes over the page, which stays beneath it.
    const again = page.getByRole('dialog', { name: 'Sign in again' });
    await again.waitFor();
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    // A token the service does not accept (signed with another secret): the next command is refused with a 401.
    await again
      .getByLabel('Bearer token')
      .fill(await mintToken('not-the-service-secret-at-all-32chars', { id: 'agent-8', role: 'agent', creditors: '*' }, '1h'));
    await again.getByRole('button', { name: 'Use this token' }).click();
    await again.waitFor({ state: 'hidden' });
    await note.getByRole('button', { name: 'Add note' }).click();
    await again.waitFor();

    await again.getByLabel('Bearer token').fill(await token('agent', 'agent-8'));
    await again.getByRole('button', { name: 'Use this token' }).click();
    await again.waitFor({ state: 'hidden' });
    await expect(note.getByLabel('Note').inputValue()).resolves.toBe('Asked to be called back after payday.');
    await note.getByRole('button', { name: 'Add note' }).click();
    await note.getByText('Note added.').waitFor();
    await page.getByRole('region', { name: 'Timeline' }).getByText('NoteAdded').first().waitFor();
    expect(complaints).toEqual([]);
  });

  it('checks again every minute whether the agent may call, says when it last did, and answers nothing when a check fails', async () => {
    const { page, complaints } = await newTab(browser!);
    await page.clock.install();
    await signIn(page, service!.url, await token('agent', 'agent-8'));
    await row(page, 'acc-team-1').getByRole('link', { name: 'acc-team-1' }).click();
    const isCheck = (request: Request) => request.url().includes('/accounts/acc-team-1/contact-status');
    const checks: Request[] = [];
    page.on('request', (request) => {
      if (isCheck(request)) checks.push(request);
    });
    const callNow = page.getByRole('region', { name: 'May I call now?' });
    await callNow.getByText(/^Checked .+, and again every minute\.$/).waitFor();
    const checked = checks.length;
    // Half a minute on, nothing has asked again yet; a minute on, the answer is checked again.
    await page.clock.fastForward('00:30');
    await page.waitForTimeout(300);
    expect(checks).toHaveLength(checked);
    const checkedAgain = page.waitForRequest(isCheck);
    await page.clock.fastForward('00:31');
    await checkedAgain;
    // A check that fails leaves no answer standing: the last one may no longer hold (the debtor's evening ends).
    await page.route('**/contact-status?**', (route) =>
      route.fulfill({
        status: 503,
        headers: { 'content-type': 'application/problem+json', 'retry-after': '1' },
        body: JSON.stringify({ status: 503, code: 'STORE_UNAVAILABLE', title: 'Service unavailable', detail: 'A store cannot be reached right now.' }),
      }),
    );
    await page.clock.fastForward('01:01');
    await callNow.getByText('Not known.').waitFor();
    expect(complaints).toEqual([]);
  });

  it('shows a plan’s next installment as the first not fully paid, with what is left of it', async () => {
    await seedPortfolio(service!, [{ accountId: 'acc-plan', name: 'Alan Turing', timeZone: 'Europe/London', owed: 90_000 }]);
    const { page, complaints } = await signedIn('agent', 'agent-8');
    await page.goto(`${service!.url}/console/accounts/acc-plan`);
    await page.getByRole('button', { name: 'Plan', exact: true }).click();
    const plan = page.getByRole('form', { name: 'Agree a payment plan' });
    await plan.getByLabel('Installments').fill('2');
    await plan.getByRole('button', { name: 'Agree plan' }).click();
    await plan.getByText('Plan agreed.').waitFor();
    // $500.00 pays the first $450.00 installment and $50.00 of the second.
    const paid = await service!.request('/accounts/acc-plan/payments', {
      body: { paymentId: 'pay-2', amount: 50_000, currency: 'USD', receivedOn: new Date().toISOString().slice(0, 10), method: 'card' },
    });
    expect(paid.status).toBe(201);
    const { position } = (await paid.json()) as { position: number };
    expect((await service!.request(`/accounts/acc-plan?minPosition=${position}`, { role: 'agent' })).status).toBe(200);
    await page.reload();
    const arrangements = page.getByRole('region', { name: 'Arrangements and restrictions' });
    await arrangements.getByText(/^Plan plan-\w+: 2 installments, next #2 due .+: \$400\.00 left of \$450\.00$/).waitFor();

    // A dispute raised late, where the creditor's policy only records such (the service's answer made so
    // here: no validation period has ended in this run), does not pause collection: the form says so.
    await page.route(/\/accounts\/acc-plan(\?|$)/, async (route) => {
      const response = await route.fetch();
      const account = (await response.json()) as { disputes: { pausesCollection: boolean }[] };
      await route.fulfill({ response, json: { ...account, disputes: account.disputes.map((dispute) => ({ ...dispute, pausesCollection: false })) } });
    });
    await page.getByRole('button', { name: 'Dispute', exact: true }).click();
    const dispute = page.getByRole('form', { name: 'Record a dispute' });
    await dispute.getByLabel('Why the debtor disputes it').fill('Says the invoice was paid in cash.');
    await dispute.getByRole('button', { name: 'Record dispute' }).click();
    await dispute.getByText('Dispute recorded.').waitFor();
    await dispute.getByText('Raised after the validation period: the creditor’s policy only records it, and collection goes on.').waitFor();
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
    // No scheduler runs here, so no signed checkpoint has seen the stream: intact, but not vouched for.
    await page
      .getByRole('list', { name: 'Caveats' })
      .getByText(/^Not yet vouched by a signed checkpoint/)
      .waitFor();
    await expect(page.locator('.chain .badge').getAttribute('class')).resolves.toBe('badge caveat');

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

  it('pages a long history: the auditor’s a hundred events at a time, the agent’s timeline fifty, a double click asking once', async () => {
    await seedPortfolio(service!, [{ accountId: 'acc-long', name: 'Kurt Gödel', timeZone: 'Europe/Vienna', owed: 30_000 }]);
    let position = 0;
    for (let note = 1; note <= 100; note++) {
      const added = await service!.request('/accounts/acc-long/notes', { role: 'supervisor', body: { text: `Note ${note}` } });
      expect(added.status).toBe(201);
      ({ position } = (await added.json()) as { position: number });
    }
    expect((await service!.request(`/accounts/acc-long/history?minPosition=${position}`, { role: 'auditor' })).status).toBe(200);

    const auditor = await signedIn('auditor', 'auditor-1');
    await auditor.page.goto(`${service!.url}/console/audit/acc-long`);
    const history = auditor.page.getByRole('region', { name: 'History' });
    const historyRows = history.locator('tbody tr');
    await historyRows.nth(99).waitFor();
    await expect(historyRows.count()).resolves.toBe(100);
    await history.getByRole('button', { name: 'Show more' }).click();
    await historyRows.nth(102).waitFor();
    await expect(history.getByRole('button', { name: 'Show more' }).count()).resolves.toBe(0);
    expect(auditor.complaints).toEqual([]);

    const agent = await signedIn('agent', 'agent-8');
    await agent.page.goto(`${service!.url}/console/accounts/acc-long`);
    const timeline = agent.page.getByRole('region', { name: 'Timeline' });
    const timelineRows = timeline.locator('tbody tr');
    await timelineRows.nth(49).waitFor();
    const older = agent.page.waitForResponse((response) => response.url().includes('/accounts/acc-long/history?') && response.url().includes('cursor='));
    await timeline.getByRole('button', { name: 'Show older' }).dblclick();
    await older;
    await timelineRows.nth(99).waitFor();
    // Had the second click asked too, the same fifty would follow.
    await agent.page.waitForTimeout(500);
    await expect(timelineRows.count()).resolves.toBe(100);
    expect(agent.complaints).toEqual([]);
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

  it('lets an agent work a portfolio in two currencies one currency at a time, saying how lines in both are ranked', async () => {
    const position = await seedPortfolio(service!, [{ accountId: 'acc-euro', name: 'Emmy Noether', timeZone: 'Europe/Berlin', owed: 40_000, currency: 'EUR' }]);
    expect((await service!.request(`/worklist?minPosition=${position}`, { role: 'agent' })).status).toBe(200);
    const { page, complaints } = await signedIn('agent', 'agent-8');
    await row(page, 'acc-euro').waitFor();
    const acrossCurrencies = page.getByText(/^These lines are owed in EUR, USD: they are ranked across currencies by amounts in minor units/);
    await acrossCurrencies.waitFor();
    await expect(accessibilityViolations(page)).resolves.toEqual([]);

    const dollarsOnly = page.waitForResponse((response) => response.url().includes('/worklist?') && response.url().includes('currency=USD'));
    await page.getByLabel('Currency').selectOption('USD');
    expect((await dollarsOnly).status()).toBe(200);
    await row(page, 'acc-euro').waitFor({ state: 'detached' });
    await acrossCurrencies.waitFor({ state: 'detached' });
    await row(page, 'acc-night').waitFor();

    // A refresh that fails leaves the lines read before on show, the problem beside them.
    await page.route('**/worklist?**', (route) =>
      route.fulfill({
        status: 500,
        headers: { 'content-type': 'application/problem+json' },
        body: JSON.stringify({ status: 500, title: 'Internal Server Error', code: 'INTERNAL' }),
      }),
    );
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByRole('alert').getByText('INTERNAL').waitFor();
    await row(page, 'acc-night').waitFor();
    expect(complaints).toEqual([]);
  });
});
