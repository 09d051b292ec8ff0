import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ContactPoliciesInForce, OptOutLinks, type ImportProgress } from '@arrears/commands';
import { CHAIN_KEY, EVENT_STORE, type EventStore } from '@arrears/event-store';
import { PersonalDataVault } from '@arrears/personal-data';
import { Clock, IdGenerator } from '@arrears/platform';
import { ledgerImport } from '../../apps/api/src/imports/ledger-importer';
import { as, startTestApi, type TestApi } from './support/test-api';

const example = (format: 'ndjson' | 'csv') => readFile(resolve(__dirname, `../../docs/imports.example.${format}`), 'utf8');
const ndjson = { 'content-type': 'application/x-ndjson' };
const lines = (...facts: unknown[]) => facts.map((fact) => (typeof fact === 'string' ? fact : JSON.stringify(fact))).join('\n');

describe('importing an existing ledger over HTTP', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  /** Posts a file and waits for its import to end. */
  async function imported(body: string, headers: Record<string, string> = ndjson): Promise<ImportProgress> {
    const started = await api.post('/imports', body, headers);
    expect(started.status).toBe(202);
    for (;;) {
      const progress = await api.get(`/imports/${started.body.importId as string}`);
      expect(progress.status).toBe(200);
      if (progress.body.status !== 'running') return progress.body as ImportProgress;
      await new Promise((done) => setTimeout(done, 20));
    }
  }
  const events = async (accountId: string) =>
    (await api.get(`/accounts/${accountId}/events`)).body.events as { type: string; data: Record<string, unknown>; metadata: Record<string, unknown> }[];

  it('given the example file, appends the events the API would, dated by their business dates and recorded now', async () => {
    const progress = await imported(await example('ndjson'));
    expect(progress).toMatchObject({ status: 'done', linesRead: 11, linesApplied: 11, linesRefused: 0, errors: [] });
    const account = await events('imp-1');
    expect(account.map(({ type, metadata }) => [type, metadata.occurredAt, metadata.recordedAt])).toEqual([
      ['AccountOpened', '2025-01-10T17:00:00.000Z', '2026-03-01T15:00:00.000Z'],
      ['InvoiceIssued', '2025-01-15T17:00:00.000Z', '2026-03-01T15:00:00.000Z'],
      ['InvoiceIssued', '2025-02-15T17:00:00.000Z', '2026-03-01T15:00:00.000Z'],
      ['PaymentReceived', '2025-02-20T17:00:00.000Z', '2026-03-01T15:00:00.000Z'],
      ['ContactAttempted', '2025-03-01T15:00:00.000Z', '2026-03-01T15:00:00.000Z'],
      ['PromiseToPayMade', '2025-03-01T17:00:00.000Z', '2026-03-01T15:00:00.000Z'],
      ['NoteAdded', '2025-03-01T15:20:00.000Z', '2026-03-01T15:00:00.000Z'],
    ]);
    expect(account[0]?.data).toMatchObject({ openedOn: '2025-01-10', debtor: { name: 'Ada Lovelace' } });
    expect(account[1]?.data).toMatchObject({ issuedOn: '2025-01-15', terms: { graceDays: 5, lateFee: { type: 'flat', amount: 2500 } } });
    expect((await events('imp-2')).map(({ type }) => type)).toEqual(['AccountOpened', 'InvoiceIssued', 'PlanAgreed', 'PaymentReceived', 'InstallmentPaid']);
    expect((await api.get('/accounts/imp-1/history/verify', await as('auditor'))).body).toMatchObject({ status: 'intact' });
  });

  it('when the same file is posted again, appends nothing', async () => {
    const before = (await events('imp-1')).length;
    expect(await imported(await example('ndjson'))).toMatchObject({ linesApplied: 0, linesAlreadyPresent: 11, factsAppended: 0 });
    expect(await events('imp-1')).toHaveLength(before);
  });

  it('imports CSV with a header row', async () => {
    expect(await imported(await example('csv'), { 'content-type': 'text/csv' })).toMatchObject({ status: 'done', linesApplied: 4, linesRefused: 0 });
    expect((await events('imp-3')).at(-1)?.data).toEqual({ text: 'Said "next week", twice' });
  });

  it('refuses a line the rules refuse, naming its line, field and code, and appends nothing for it', async () => {
    const opened = { type: 'account', accountId: 'ref-1', creditorId: 'cred-1', debtorReference: 'D-9', timeZone: 'UTC', openedOn: '2025-06-01' };
    const invoice = { type: 'invoice', accountId: 'ref-1', invoiceId: 'inv-1', amount: 5000, currency: 'EUR', issuedOn: '2025-06-02', dueOn: '2025-07-02' };
    const progress = await imported(
      lines(
        opened,
        invoice,
        { type: 'payment', accountId: 'ref-1', paymentId: 'pay-0', amount: 100, currency: 'EUR', receivedOn: '2025-05-31', method: 'card' },
        { ...invoice, invoiceId: 'inv-2', amount: -5000 },
        { ...invoice, invoiceId: 'inv-3', currency: 'XXY' },
        { ...invoice, invoiceId: 'inv-4', issuedOn: '2025-08-01' },
        { ...opened, accountId: 'ref-2', openedOn: '2026-03-02' },
      ),
    );
    expect(progress.errors.map(({ line, field, code }) => [line, field, code])).toEqual([
      [3, 'receivedOn', 'PAYMENT_BEFORE_ACCOUNT_OPENED'],
      [4, 'amount', 'INVALID_AMOUNT'],
      [5, 'currency', 'UNKNOWN_CURRENCY'],
      [6, 'dueOn', 'INVOICE_DUE_BEFORE_ISSUE'],
      [7, 'openedOn', 'FACT_IN_FUTURE'],
    ]);
    expect((await events('ref-1')).map(({ type }) => type)).toEqual(['AccountOpened', 'InvoiceIssued']);
    expect((await api.get('/accounts/ref-2/events')).status).toBe(404);
  });

  it('reports malformed lines one by one and imports the rest', async () => {
    const progress = await imported(
      lines(
        { type: 'account', accountId: 'ok-1', creditorId: 'cred-1', debtorReference: 'D-1', timeZone: 'UTC', openedOn: '2025-01-01' },
        '{"type":"account"',
        '{"type":"account","accountId":"bad-1","__proto__":{"polluted":true}}',
        '{"type":"note","accountId":"bad-1","text":"\\u0000","at":"2025-01-01T00:00:00Z"}',
        `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
        '{"type":"invoice","accountId":"ok-1","invoiceId":"i","amount":9007199254740993,"currency":"USD","issuedOn":"2025-01-01","dueOn":"2025-01-02"}',
      ),
    );
    expect(progress.errors.map(({ line, code }) => [line, code])).toEqual([
      [2, 'MALFORMED_JSON'],
      [3, 'UNKNOWN_FIELD'],
      [4, 'INVALID_TEXT'],
      [5, 'MALFORMED_JSON'],
      [6, 'INVALID_FIELD'],
    ]);
    expect(progress).toMatchObject({ status: 'done', linesApplied: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('resumes an import that failed half way: the second run completes it without duplicates', async () => {
    const store = api.app.get<EventStore>(EVENT_STORE);
    let appends = 0;
    // The store fails on the second batch of appends, as a database that went away would.
    const failing: EventStore = Object.assign(Object.create(store) as EventStore, {
      appendMany: (...args: Parameters<NonNullable<EventStore['appendMany']>>) =>
        ++appends === 2 ? Promise.reject(new Error('connection lost')) : (store.appendMany?.(...args) ?? Promise.resolve([])),
    });
    const tools = {
      vault: api.app.get(PersonalDataVault),
      chainKey: api.app.get(CHAIN_KEY),
      clock: api.app.get(Clock),
      ids: api.app.get(IdGenerator),
      policies: api.app.get(ContactPoliciesInForce).policies,
      links: api.app.get(OptOutLinks),
    };
    const caller = { correlationId: 'resume', causationId: 'resume', actor: { id: 'loader', role: 'system' as const }, creditors: '*' as const };
    const file = lines(
      ...Array.from({ length: 30 }, (_, i) => [
        { type: 'account', accountId: `res-${i}`, creditorId: 'cred-1', debtorReference: `R-${i}`, timeZone: 'UTC', openedOn: '2025-01-01' },
        { type: 'invoice', accountId: `res-${i}`, invoiceId: 'inv-1', amount: 1000, currency: 'USD', issuedOn: '2025-01-02', dueOn: '2025-02-01' },
      ]).flat(),
    );
    const options = { chunkLines: 20, cachedAccounts: 100 };
    const first = await ledgerImport({ ...tools, eventStore: failing }, caller, 'first', null, options).run([file], 'ndjson');
    expect(first).toMatchObject({ status: 'failed', failure: 'connection lost', linesApplied: 20 });
    const second = await ledgerImport({ ...tools, eventStore: store }, caller, 'second', null, options).run([file], 'ndjson');
    expect(second).toMatchObject({ status: 'done', linesAlreadyPresent: 20, linesApplied: 40, linesRefused: 0 });
    for (let i = 0; i < 30; i++) expect((await events(`res-${i}`)).map(({ type }) => type)).toEqual(['AccountOpened', 'InvoiceIssued']);
  });

  it('takes a file larger than the body limit of the other routes: it is streamed to disk, not parsed in memory', async () => {
    const file = lines(
      ...Array.from({ length: 8_000 }, (_, i) => ({
        type: 'account',
        accountId: `big-${i}`,
        creditorId: 'cred-1',
        debtorReference: `B-${i}`.padEnd(60, '.'),
        timeZone: 'UTC',
        openedOn: '2025-01-01',
      })),
    );
    expect(Buffer.byteLength(file)).toBeGreaterThan(1_048_576);
    expect(await imported(file)).toMatchObject({
      status: 'done',
      linesApplied: 8_000,
      bytesRead: Buffer.byteLength(file),
      bytesTotal: Buffer.byteLength(file),
    });
  });

  it('takes only NDJSON or CSV, only from supervisors and systems', async () => {
    expect((await api.post('/imports', { type: 'account' })).status).toBe(415);
    expect((await api.post('/imports', '', { ...ndjson, ...(await as('agent')) })).status).toBe(403);
    expect((await api.post('/accounts', lines({}), ndjson)).status).toBe(415);
    expect((await api.get('/imports/no-such-import')).status).toBe(404);
  });
});
