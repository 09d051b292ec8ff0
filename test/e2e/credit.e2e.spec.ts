import { Client } from 'pg';
import { bureauAnswer, FakeBureau, json } from '../../apps/api/src/credit/bureau/fake-bureau.fixtures';
import { closedAfterAll } from './support/closed-after-all';
import { as, openAccountBody, readModelsCaughtUp, startTestApi, uniqueId, type TestApi } from './support/test-api';

const invoice = (invoiceId: string, amount: number, dueOn = '2026-03-31') => ({ invoiceId, amount, currency: 'USD', issuedOn: '2026-03-01', dueOn });
const report = { bureau: 'Experian', score: 640, scaleMin: 300, scaleMax: 850, reportedOn: '2026-02-20', reasonCodes: ['D1', '14'] };

describe('credit limits, credit reports and the bureau over HTTP (e2e)', () => {
  const closeLater = closedAfterAll();
  const bureau = new FakeBureau();
  let api: TestApi;
  let sql: Client;

  beforeAll(async () => {
    const url = closeLater(await bureau.start(), () => bureau.stop());
    api = closeLater(
      await startTestApi({
        now: '2026-03-01T15:00:00Z',
        env: { CREDIT_BUREAU_URL: url, CREDIT_BUREAU_API_KEY: 'bureau-key', CREDIT_BUREAU_TIMEOUT_MS: '500' },
      }),
      (started) => started.close(),
    );
    sql = closeLater(new Client({ connectionString: api.databaseUrl }), (client) => client.end());
    await sql.connect();
  });

  /** A fresh account owing 60.00 under a limit of 100.00 with the policy given. */
  async function owing60(overLimit: 'refuse' | 'warn' | 'approve', maxTermDays?: number): Promise<string> {
    const accountId = uniqueId('acc');
    expect((await api.post('/accounts', openAccountBody(accountId))).status).toBe(201);
    const limit = await api.post(`/accounts/${accountId}/credit-limit`, {
      amount: 10_000,
      currency: 'USD',
      overLimit,
      ...(maxTermDays !== undefined && { maxTermDays }),
    });
    expect(limit.status).toBe(200);
    expect((await api.post(`/accounts/${accountId}/invoices`, invoice('inv-1', 6_000))).body).toMatchObject({ overLimit: null });
    return accountId;
  }

  const creditStanding = async (accountId: string) => {
    await readModelsCaughtUp(api);
    return (await api.get(`/accounts/${accountId}`)).body.creditStanding;
  };

  describe('the limit', () => {
    it('refuses one minor unit over under `refuse`, naming the limit, exposure and headroom; takes exactly the limit', async () => {
      const accountId = await owing60('refuse');
      const refused = await api.post(`/accounts/${accountId}/invoices`, invoice('inv-2', 4_001));
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ code: 'CREDIT_LIMIT_EXCEEDED', limit: 10_000, exposure: 6_000, headroom: 4_000, amount: 4_001, currency: 'USD' });
      expect((await api.post(`/accounts/${accountId}/invoices`, invoice('inv-2', 4_000))).status).toBe(201);
      expect(await creditStanding(accountId)).toEqual({
        limit: { amount: 10_000, currency: 'USD', overLimit: 'refuse', maxTermDays: null },
        debtorLimit: null,
        exposure: 10_000,
        headroom: 0,
        debtorExposure: null,
        debtorHeadroom: null,
        pendingApprovals: [],
        latestReport: null,
      });
    });

    it('accepts past the limit with a warning under `warn`; the headroom goes negative', async () => {
      const accountId = await owing60('warn');
      const issued = await api.post(`/accounts/${accountId}/invoices`, invoice('inv-2', 4_001));
      expect(issued.status).toBe(201);
      expect(issued.body.overLimit).toBe('warn');
      expect(await creditStanding(accountId)).toMatchObject({ exposure: 10_001, headroom: -1, pendingApprovals: [] });
    });

    it('flags an invoice past the limit for a supervisor under `approve`, who alone decides it, once', async () => {
      const accountId = await owing60('approve');
      expect((await api.post(`/accounts/${accountId}/invoices`, invoice('inv-2', 5_000))).body.overLimit).toBe('approve');
      expect((await creditStanding(accountId)).pendingApprovals).toEqual([{ invoiceId: 'inv-2', limit: 10_000, exposure: 11_000, currency: 'USD' }]);
      const decide = (headers: Record<string, string>) =>
        api.post(`/accounts/${accountId}/credit-approvals/inv-2`, { decision: 'approved', note: 'long-standing customer' }, headers);
      expect((await decide(await as('agent'))).status).toBe(403);
      expect((await decide(await as('supervisor'))).status).toBe(200);
      expect((await creditStanding(accountId)).pendingApprovals).toEqual([]);
      expect((await decide(await as('supervisor'))).body).toMatchObject({ status: 422, code: 'NO_CREDIT_APPROVAL_PENDING' });
    });

    it('removes the limit for a supervisor: invoices are no longer checked, those waiting for approval still wait', async () => {
      const accountId = await owing60('approve', 30);
      expect((await api.post(`/accounts/${accountId}/invoices`, invoice('inv-2', 5_000))).body.overLimit).toBe('approve');
      const remove = (headers?: Record<string, string>) => api.post(`/accounts/${accountId}/credit-limit/remove`, undefined, headers);
      expect((await remove(await as('agent'))).status).toBe(403);
      expect((await remove(await as('supervisor'))).status).toBe(200);
      expect((await api.post(`/accounts/${accountId}/invoices`, invoice('inv-3', 1_000_000, '2026-06-30'))).body).toMatchObject({ overLimit: null });
      expect(await creditStanding(accountId)).toMatchObject({
        limit: null,
        exposure: 1_011_000,
        headroom: null,
        pendingApprovals: [{ invoiceId: 'inv-2', limit: 10_000, exposure: 11_000, currency: 'USD' }],
      });
      expect((await remove(await as('supervisor'))).body).toMatchObject({ status: 422, code: 'NO_CREDIT_LIMIT' });
      const history = await api.get(`/accounts/${accountId}/history`, await as('auditor'));
      expect(history.body.items.map((item: { summary: string }) => item.summary)).toContain(
        'Credit limit removed: invoices are no longer checked against a limit or terms.',
      );
    });

    it('shows invoices waiting for approval on the worklist line, and a supervisor lists only such lines', async () => {
      const pastDue = { issuedOn: '2026-01-15', dueOn: '2026-02-14' };
      const flagged = await owing60('approve');
      const waiting = uniqueId('acc');
      expect((await api.post('/accounts', openAccountBody(waiting))).status).toBe(201);
      for (const accountId of [flagged, waiting]) {
        expect((await api.post(`/accounts/${accountId}/invoices`, { ...invoice('inv-old', 1_000), ...pastDue })).status).toBe(201);
      }
      expect((await api.post(`/accounts/${flagged}/invoices`, invoice('inv-2', 5_000))).body.overLimit).toBe('approve');
      const lines = async (query: string) => {
        await readModelsCaughtUp(api);
        const worklist = await api.get(`/worklist?limit=100${query}`, await as('supervisor'));
        expect(worklist.status).toBe(200);
        const ours = worklist.body.items.filter((item: { accountId: string }) => [flagged, waiting].includes(item.accountId));
        return Object.fromEntries(ours.map((item: { accountId: string; pendingCreditApprovals: string[] }) => [item.accountId, item.pendingCreditApprovals]));
      };
      expect(await lines('')).toEqual({ [flagged]: ['inv-2'], [waiting]: [] });
      expect(await lines('&creditApproval=pending')).toEqual({ [flagged]: ['inv-2'] });
      await api.post(`/accounts/${flagged}/credit-approvals/inv-2`, { decision: 'declined' }, await as('supervisor'));
      expect(await lines('&creditApproval=pending')).toEqual({});
      const wrong = await api.get('/worklist?creditApproval=approved', await as('supervisor'));
      expect(wrong.status).toBe(400);
      expect(wrong.body.errors).toEqual([expect.objectContaining({ field: 'creditApproval' })]);
    });

    it('refuses an invoice in another currency than the limit’s, and terms longer than the policy allows', async () => {
      const accountId = uniqueId('acc');
      await api.post('/accounts', openAccountBody(accountId));
      await api.post(`/accounts/${accountId}/credit-limit`, { amount: 10_000, currency: 'EUR', overLimit: 'warn', maxTermDays: 30 });
      expect((await api.post(`/accounts/${accountId}/invoices`, invoice('inv-1', 100))).body).toMatchObject({ code: 'CREDIT_LIMIT_CURRENCY_MISMATCH' });
      const terms = await owing60('warn', 30);
      expect((await api.post(`/accounts/${terms}/invoices`, invoice('inv-2', 1, '2026-04-01'))).body).toMatchObject({ code: 'TERMS_TOO_LONG', termDays: 31 });
    });

    it('shows no limit, the exposure and no headroom on an account without one', async () => {
      const accountId = uniqueId('acc');
      await api.post('/accounts', openAccountBody(accountId));
      await api.post(`/accounts/${accountId}/invoices`, invoice('inv-1', 6_000));
      expect(await creditStanding(accountId)).toMatchObject({ limit: null, exposure: 6_000, headroom: null });
    });

    it.each([
      ['a limit of nothing', { amount: 0 }, 'amount'],
      ['a negative limit', { amount: -100 }, 'amount'],
      ['a limit past 2^53', { amount: 2 ** 53 + 2 }, 'amount'],
      ['a fractional limit', { amount: 10.5 }, 'amount'],
      ['an unknown policy', { overLimit: 'ignore' }, 'overLimit'],
      ['terms past ten years', { maxTermDays: 3651 }, 'maxTermDays'],
    ])('refuses %s with a problem naming the field', async (_, change, field) => {
      const accountId = uniqueId('acc');
      await api.post('/accounts', openAccountBody(accountId));
      const refused = await api.post(`/accounts/${accountId}/credit-limit`, { amount: 10_000, currency: 'USD', overLimit: 'warn', ...change });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field })]);
    });
  });

  describe('the debtor’s limit across a creditor’s accounts', () => {
    /** An account of the debtor `reference` with `creditorId`, owing `owed` (issued on 2026-03-01, not yet due). */
    async function accountOf(reference: string, creditorId: string, owed: number): Promise<string> {
      const accountId = uniqueId('acc');
      const body = openAccountBody(accountId, creditorId);
      expect((await api.post('/accounts', { ...body, debtor: { ...body.debtor, reference } })).status).toBe(201);
      if (owed > 0) expect((await api.post(`/accounts/${accountId}/invoices`, invoice('inv-1', owed))).status).toBe(201);
      return accountId;
    }
    const setDebtorLimit = async (accountId: string, overLimit: 'refuse' | 'warn' | 'approve', headers?: Record<string, string>) =>
      api.post(`/accounts/${accountId}/debtor-credit-limit`, { amount: 10_000, currency: 'USD', overLimit }, headers ?? (await as('supervisor')));

    it('counts what the debtor owes on their other accounts with the creditor, not with another: exactly at the limit passes, one minor unit over is refused', async () => {
      const reference = uniqueId('D');
      const [first, second] = [await accountOf(reference, 'cred-1', 0), await accountOf(reference, 'cred-1', 6_000)];
      await accountOf(reference, 'cred-2', 50_000);
      expect((await setDebtorLimit(first, 'refuse', await as('agent'))).status).toBe(403);
      const set = await setDebtorLimit(first, 'refuse');
      expect(set.status).toBe(200);
      expect(set.body.accountIds).toEqual([first, second]);
      expect((await creditStanding(second)).debtorLimit).toEqual({ amount: 10_000, currency: 'USD', overLimit: 'refuse' });

      expect((await api.post(`/accounts/${first}/invoices`, invoice('inv-1', 4_000))).body).toMatchObject({ overLimit: null });
      const refused = await api.post(`/accounts/${first}/invoices`, invoice('inv-2', 1));
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({
        code: 'DEBTOR_CREDIT_LIMIT_EXCEEDED',
        scope: 'debtor',
        limit: 10_000,
        exposure: 10_000,
        headroom: 0,
        amount: 1,
        otherAccountsExposure: 6_000,
        currency: 'USD',
      });
      // The first account's invoice counts on the second once the read side has it.
      await readModelsCaughtUp(api);
      expect((await api.post(`/accounts/${second}/invoices`, invoice('inv-2', 1))).body).toMatchObject({
        code: 'DEBTOR_CREDIT_LIMIT_EXCEEDED',
        otherAccountsExposure: 4_000,
      });
    });

    it('shows on each account what the debtor owes across their accounts with the creditor, and the headroom under their limit', async () => {
      const reference = uniqueId('D');
      const [first, second] = [await accountOf(reference, 'cred-1', 3_000), await accountOf(reference, 'cred-1', 6_000)];
      const elsewhere = await accountOf(reference, 'cred-2', 50_000);
      expect((await creditStanding(first)).debtorExposure).toBeNull();
      expect((await setDebtorLimit(first, 'refuse')).status).toBe(200);
      await readModelsCaughtUp(api);
      for (const accountId of [first, second])
        expect(await creditStanding(accountId)).toMatchObject({ limit: null, headroom: null, debtorExposure: 9_000, debtorHeadroom: 1_000 });
      expect(await creditStanding(elsewhere)).toMatchObject({ debtorLimit: null, debtorExposure: null, debtorHeadroom: null });
    });

    it('accepts past the debtor’s limit with a warning, or flagged for a supervisor, as its policy says', async () => {
      const reference = uniqueId('D');
      const [first, second] = [await accountOf(reference, 'cred-1', 6_000), await accountOf(reference, 'cred-1', 4_000)];
      expect((await setDebtorLimit(second, 'approve')).body.accountIds).toEqual([second, first]);
      await readModelsCaughtUp(api);
      expect((await api.post(`/accounts/${first}/invoices`, invoice('inv-2', 1))).body).toMatchObject({ overLimit: 'approve' });
      expect((await creditStanding(first)).pendingApprovals).toEqual([{ invoiceId: 'inv-2', limit: 10_000, exposure: 10_001, currency: 'USD' }]);
      expect((await setDebtorLimit(first, 'warn')).status).toBe(200);
      await readModelsCaughtUp(api);
      expect((await api.post(`/accounts/${second}/invoices`, invoice('inv-2', 1))).body).toMatchObject({ overLimit: 'warn' });
      await readModelsCaughtUp(api);
      const history = await api.get(`/accounts/${second}/history`, await as('auditor'));
      expect(history.body.items.map((item: { summary: string }) => item.summary)).toEqual(
        expect.arrayContaining([
          'Debtor’s credit limit across their accounts with the creditor set to 10000 USD; past it: warn.',
          'Invoice inv-2 took the debtor to 10002 USD across their accounts, past their limit of 10000: accepted with a warning.',
        ]),
      );
    });

    it('carries the debtor’s limit to an account opened for them afterwards, and counts the others there', async () => {
      const reference = uniqueId('D');
      const first = await accountOf(reference, 'cred-1', 7_000);
      expect((await setDebtorLimit(first, 'refuse')).status).toBe(200);
      await readModelsCaughtUp(api);
      const later = await accountOf(reference, 'cred-1', 0);
      const elsewhere = await accountOf(reference, 'cred-2', 0);
      expect((await creditStanding(later)).debtorLimit).toEqual({ amount: 10_000, currency: 'USD', overLimit: 'refuse' });
      expect((await creditStanding(elsewhere)).debtorLimit).toBeNull();
      expect((await api.post(`/accounts/${later}/invoices`, invoice('inv-1', 3_001))).body).toMatchObject({
        code: 'DEBTOR_CREDIT_LIMIT_EXCEEDED',
        otherAccountsExposure: 7_000,
      });
      expect((await api.post(`/accounts/${later}/invoices`, invoice('inv-1', 3_000))).status).toBe(201);
    });

    it('removes the debtor’s limit from each of their open accounts that holds it, leaving the account’s own limit and closed accounts as they are', async () => {
      const reference = uniqueId('D');
      const [first, second, closed] = [
        await accountOf(reference, 'cred-1', 6_000),
        await accountOf(reference, 'cred-1', 4_000),
        await accountOf(reference, 'cred-1', 0),
      ];
      const set = (await setDebtorLimit(first, 'refuse')).body.accountIds as string[];
      // The named account first, then the others as the read model lists them.
      expect([set[0], ...set.slice(1).sort()]).toEqual([first, ...[second, closed].sort()]);
      expect((await api.post(`/accounts/${closed}/close`, {})).status).toBe(200);
      expect((await api.post(`/accounts/${first}/credit-limit`, { amount: 30_000, currency: 'USD', overLimit: 'refuse' }, await as('supervisor'))).status).toBe(
        200,
      );
      await readModelsCaughtUp(api);
      const remove = async (accountId: string, headers?: Record<string, string>) =>
        api.post(`/accounts/${accountId}/debtor-credit-limit/remove`, undefined, headers ?? (await as('supervisor')));

      expect((await remove(second, await as('agent'))).status).toBe(403);
      const removed = await remove(second);
      expect(removed.status).toBe(200);
      expect(removed.body.accountIds).toEqual([second, first]);
      expect((await creditStanding(first)).debtorLimit).toBeNull();
      expect((await creditStanding(first)).limit).toMatchObject({ amount: 30_000 });
      expect((await creditStanding(closed)).debtorLimit).toEqual({ amount: 10_000, currency: 'USD', overLimit: 'refuse' });
      // The debtor's 100.00 across accounts no longer stops an invoice; the account's own 300.00 still does.
      expect((await api.post(`/accounts/${first}/invoices`, invoice('inv-2', 24_000))).body).toMatchObject({ overLimit: null });
      expect((await api.post(`/accounts/${first}/invoices`, invoice('inv-3', 1))).body).toMatchObject({ code: 'CREDIT_LIMIT_EXCEEDED', limit: 30_000 });

      const again = await remove(first);
      expect(again.status).toBe(422);
      expect(again.body.code).toBe('NO_DEBTOR_CREDIT_LIMIT');
      await readModelsCaughtUp(api);
      expect((await creditStanding(await accountOf(reference, 'cred-1', 0))).debtorLimit).toBeNull();
      const history = await api.get(`/accounts/${second}/history`, await as('auditor'));
      expect(history.body.items.map((item: { summary: string }) => item.summary)).toContain(
        'Debtor’s credit limit across their accounts with the creditor removed: invoices are no longer checked against it.',
      );
    });

    it('lifts the limit from the debtor’s other accounts when the named one does not hold it, and If-Match speaks of the named account alone', async () => {
      const reference = uniqueId('D');
      const [first, second] = [await accountOf(reference, 'cred-1', 6_000), await accountOf(reference, 'cred-1', 0)];
      const set = await api.post(
        `/accounts/${first}/debtor-credit-limit`,
        { amount: 10_000, currency: 'USD', overLimit: 'refuse' },
        { ...(await as('supervisor')), 'if-match': '"1"' },
      );
      expect(set.status).toBe(200);
      expect(set.body.accountIds).toEqual([first, second]);
      // An imported account is opened without looking the debtor's limit up: it holds none.
      const imported = uniqueId('imp');
      const line = { type: 'account', accountId: imported, creditorId: 'cred-1', debtorReference: reference, timeZone: 'UTC', openedOn: '2026-01-10' };
      const started = await api.post('/imports', JSON.stringify(line), { 'content-type': 'application/x-ndjson' });
      expect(started.status).toBe(202);
      let progress = await api.get(`/imports/${started.body.importId as string}`);
      for (; progress.body.status === 'running'; progress = await api.get(`/imports/${started.body.importId as string}`)) {
        await new Promise((done) => setTimeout(done, 20));
      }
      expect(progress.body).toMatchObject({ status: 'done', factsAppended: 1 });
      await readModelsCaughtUp(api);
      expect((await creditStanding(imported)).debtorLimit).toBeNull();

      const removed = await api.post(`/accounts/${imported}/debtor-credit-limit/remove`, undefined, await as('supervisor'));
      expect(removed.status).toBe(200);
      expect([...(removed.body.accountIds as string[])].sort()).toEqual([first, second].sort());
      expect((await creditStanding(first)).debtorLimit).toBeNull();
      expect((await creditStanding(second)).debtorLimit).toBeNull();
      const nothingLeft = await api.post(`/accounts/${imported}/debtor-credit-limit/remove`, undefined, await as('supervisor'));
      expect(nothingLeft.status).toBe(422);
      expect(nothingLeft.body.code).toBe('NO_DEBTOR_CREDIT_LIMIT');
    });

    it.each([
      ['a limit of nothing', { amount: 0 }, 'amount'],
      ['a limit past 2^53', { amount: 2 ** 53 + 2 }, 'amount'],
      ['an unknown policy', { overLimit: 'ignore' }, 'overLimit'],
      ['a currency that is not one', { currency: 'usd' }, 'currency'],
    ])('refuses %s with a problem naming the field, recording nothing', async (_, change, field) => {
      const accountId = await accountOf(uniqueId('D'), 'cred-1', 0);
      const refused = await api.post(
        `/accounts/${accountId}/debtor-credit-limit`,
        { amount: 10_000, currency: 'USD', overLimit: 'warn', ...change },
        await as('supervisor'),
      );
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field })]);
      expect((await creditStanding(accountId)).debtorLimit).toBeNull();
    });
  });

  describe('credit reports', () => {
    it('records a report sealed where it is about the debtor, and shows the latest by date, not the last sent', async () => {
      const accountId = uniqueId('acc');
      await api.post('/accounts', openAccountBody(accountId));
      expect((await api.post(`/accounts/${accountId}/credit-reports`, report)).status).toBe(201);
      expect((await api.post(`/accounts/${accountId}/credit-reports`, { ...report, score: 500, reportedOn: '2026-01-05' })).status).toBe(201);
      expect((await creditStanding(accountId)).latestReport).toEqual({
        bureau: 'Experian',
        score: 640,
        scaleMin: 300,
        scaleMax: 850,
        reportedOn: '2026-02-20',
      });
      const rows = (await sql.query("SELECT data FROM events WHERE stream_id = $1 AND type = 'CreditReportRecorded'", [`account-${accountId}`])).rows;
      expect(rows).toHaveLength(2);
      for (const { data } of rows) {
        expect(Object.keys(data).sort()).toEqual(['bureau', 'reportedOn', 'scaleMax', 'scaleMin', 'sealed', 'source']);
        // The clear part only: the ciphertext is random base64, which may spell anything.
        expect(JSON.stringify({ ...data, sealed: undefined })).not.toMatch(/640|500|D1/);
      }
      const history = await api.get(`/accounts/${accountId}/history`, await as('auditor'));
      expect(history.body.items.map((item: { summary: string }) => item.summary)).toContain(
        'Credit report from Experian dated 2026-02-20 (scale 300–850) recorded.',
      );
    });

    it('forgets the score when the debtor’s personal data is erased', async () => {
      const accountId = uniqueId('acc');
      await api.post('/accounts', { ...openAccountBody(accountId), debtor: { ...openAccountBody(accountId).debtor, reference: uniqueId('D') } });
      await api.post(`/accounts/${accountId}/credit-reports`, report);
      expect((await api.post(`/accounts/${accountId}/erase-personal-data`, undefined, await as('supervisor'))).status).toBe(200);
      expect((await creditStanding(accountId)).latestReport).toBeNull();
      const events = await api.get(`/accounts/${accountId}/events`, await as('auditor'));
      const recorded = events.body.events.find((event: { type: string }) => event.type === 'CreditReportRecorded');
      expect(recorded.data).toEqual({ bureau: 'Experian', scaleMin: 300, scaleMax: 850, reportedOn: '2026-02-20', source: 'submitted', erased: true });
    });

    it('records no report, and asks the bureau nothing, once the debtor’s personal data is erased', async () => {
      const accountId = uniqueId('acc');
      await api.post('/accounts', { ...openAccountBody(accountId), debtor: { ...openAccountBody(accountId).debtor, reference: uniqueId('D') } });
      expect((await api.post(`/accounts/${accountId}/erase-personal-data`, undefined, await as('supervisor'))).status).toBe(200);
      expect((await api.post(`/accounts/${accountId}/credit-reports`, report)).body).toMatchObject({ status: 422, code: 'PERSONAL_DATA_ERASED' });
      const asked = bureau.asked.length;
      bureau.answer = json(200, bureauAnswer);
      expect((await api.post(`/accounts/${accountId}/credit-reports/pull`)).body).toMatchObject({ status: 422, code: 'PERSONAL_DATA_ERASED' });
      expect(bureau.asked.length).toBe(asked);
      expect((await creditStanding(accountId)).latestReport).toBeNull();
    });

    it.each([
      ['a NUL in the bureau', { bureau: 'Exp\u0000erian' }, 'bureau'],
      ['a lone surrogate in the bureau', { bureau: 'Exp\ud800erian' }, 'bureau'],
      ['a score past 2^53', { score: 2 ** 53 + 2 }, 'score'],
      ['a fractional score', { score: 640.5 }, 'score'],
      ['a score as text', { score: '640' }, 'score'],
      ['a reason code with a space', { reasonCodes: ['D 1'] }, 'reasonCodes'],
      ['too many reason codes', { reasonCodes: Array.from({ length: 21 }, (_, i) => `R${i}`) }, 'reasonCodes'],
      ['a date that is not one', { reportedOn: '2026-02-30' }, 'reportedOn'],
    ])('refuses %s with 400 naming the field', async (_, change, field) => {
      const accountId = uniqueId('acc');
      await api.post('/accounts', openAccountBody(accountId));
      const refused = await api.post(`/accounts/${accountId}/credit-reports`, { ...report, ...change });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field })]);
    });

    it.each([
      ['a scale whose worst end is not below its best', { scaleMin: 850, scaleMax: 850 }, 'scaleMax'],
      ['a score off the scale', { score: 851 }, 'score'],
      ['a score below the scale', { score: 299 }, 'score'],
      ['a report dated after the debtor’s today', { reportedOn: '2026-03-02' }, 'reportedOn'],
    ])('refuses %s with 422 naming the field', async (_, change, field) => {
      const accountId = uniqueId('acc');
      await api.post('/accounts', openAccountBody(accountId));
      const refused = await api.post(`/accounts/${accountId}/credit-reports`, { ...report, ...change });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ code: 'INVALID_CREDIT_REPORT', field });
    });
  });

  describe('the bureau', () => {
    it('fetches the debtor’s report through the port and records it as the same fact', async () => {
      const accountId = uniqueId('acc');
      await api.post('/accounts', openAccountBody(accountId));
      bureau.answer = json(200, bureauAnswer);
      const pulled = await api.post(`/accounts/${accountId}/credit-reports/pull`);
      expect(pulled.status).toBe(201);
      expect(pulled.body).toMatchObject({
        accountId,
        bureau: 'Experian',
        score: 640,
        scaleMin: 300,
        scaleMax: 850,
        reportedOn: '2026-02-20',
        reasonCodes: ['D1', '14'],
      });
      expect(bureau.asked.at(-1)).toMatchObject({ authorization: 'Bearer bureau-key', body: { subject: { creditorId: 'cred-1', debtorReference: 'D-100' } } });
      expect((await creditStanding(accountId)).latestReport).toMatchObject({ bureau: 'Experian', score: 640 });
      const history = await api.get(`/accounts/${accountId}/history`, await as('auditor'));
      expect(history.body.items.at(-1).summary).toBe('Credit report from Experian dated 2026-02-20 (scale 300–850) fetched from the bureau.');
    });

    it('answers a retry whose first answer was lost with the report recorded then, asking the bureau once', async () => {
      const accountId = uniqueId('acc');
      await api.post('/accounts', openAccountBody(accountId));
      bureau.answer = json(200, bureauAnswer);
      const key = uniqueId('pull');
      const first = await api.post(`/accounts/${accountId}/credit-reports/pull`, undefined, { 'idempotency-key': key });
      expect(first.status).toBe(201);
      const asked = bureau.asked.length;
      // As when the process dies after the append, before the answer is stored; the bureau's file has moved on since.
      expect((await sql.query('DELETE FROM idempotency_keys WHERE key LIKE $1', [`%:${key}`])).rowCount).toBe(1);
      bureau.answer = json(200, { ...bureauAnswer, score: 700 });
      const retried = await api.post(`/accounts/${accountId}/credit-reports/pull`, undefined, { 'idempotency-key': key });
      expect([retried.status, retried.body]).toEqual([201, first.body]);
      expect(bureau.asked).toHaveLength(asked);
      const events = await api.get(`/accounts/${accountId}/events`, await as('auditor'));
      expect(events.body.events.filter((event: { type: string }) => event.type === 'CreditReportRecorded')).toHaveLength(1);
    });

    it('answers 503 with Retry-After when the bureau cannot answer, 422 when it holds no file, and records nothing', async () => {
      const accountId = uniqueId('acc');
      await api.post('/accounts', openAccountBody(accountId));
      bureau.answer = json(503, {}, { 'retry-after': '90' });
      const down = await api.post(`/accounts/${accountId}/credit-reports/pull`);
      expect(down.status).toBe(503);
      expect(down.headers['retry-after']).toBe('90');
      expect(down.body).toMatchObject({ code: 'CREDIT_BUREAU_UNAVAILABLE' });
      bureau.answer = (_, __, response) => setTimeout(() => response.writeHead(200).end('{}'), 2_000).unref();
      expect((await api.post(`/accounts/${accountId}/credit-reports/pull`)).status).toBe(503);
      bureau.answer = json(404, {});
      expect((await api.post(`/accounts/${accountId}/credit-reports/pull`)).body).toMatchObject({ status: 422, code: 'NO_CREDIT_FILE' });
      const events = await api.get(`/accounts/${accountId}/events`, await as('auditor'));
      expect(events.body.events.map((event: { type: string }) => event.type)).toEqual(['AccountOpened']);
    });

    it('refuses to fetch where no bureau is configured', async () => {
      const without = closeLater(await startTestApi({ now: '2026-03-01T15:00:00Z' }), (started) => started.close());
      const accountId = uniqueId('acc');
      await without.post('/accounts', openAccountBody(accountId));
      expect((await without.post(`/accounts/${accountId}/credit-reports/pull`)).body).toMatchObject({ status: 422, code: 'CREDIT_BUREAU_OFF' });
    });

    it('asks nothing of the bureau for an account that does not exist, or of another creditor', async () => {
      const asked = bureau.asked.length;
      expect((await api.post(`/accounts/${uniqueId('acc')}/credit-reports/pull`)).status).toBe(404);
      const accountId = uniqueId('acc');
      await api.post('/accounts', openAccountBody(accountId));
      expect((await api.post(`/accounts/${accountId}/credit-reports/pull`, undefined, await as('supervisor', 'sup-2', ['cred-2']))).status).toBe(404);
      expect(bureau.asked.length).toBe(asked);
    });
  });
});
