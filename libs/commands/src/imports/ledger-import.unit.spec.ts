import { chainKeyFrom, InMemoryEventStore, verifyChain, type EventStore } from '@arrears/event-store';
import { InMemoryKeyStore, PersonalDataVault } from '@arrears/personal-data';
import { FixedClock, RandomIdGenerator } from '@arrears/platform';
import { OptOutLinks } from '../opt-out-links';
import { SealAndChain } from '../seal-and-chain';
import { LedgerImport, type ImportCaller } from './ledger-import';

const chainKey = chainKeyFrom('a-chain-key-of-at-least-thirty-two-characters');
const caller: ImportCaller = { correlationId: 'import-1', causationId: 'import-1', actor: { id: 'loader', role: 'system' }, creditors: '*' };
const policies = { default: {}, byCreditor: {} } as never;
const clock = new FixedClock(new Date('2026-03-01T15:00:00Z'));

const ledger = [
  {
    type: 'account',
    accountId: 'acc-1',
    creditorId: 'cred-1',
    debtorReference: 'D-1',
    timeZone: 'America/New_York',
    openedOn: '2025-06-01',
    debtorName: 'Ada',
  },
  { type: 'invoice', accountId: 'acc-1', invoiceId: 'inv-1', amount: 70000, currency: 'USD', issuedOn: '2025-10-01', dueOn: '2025-10-31', graceDays: 5 },
  { type: 'payment', accountId: 'acc-1', paymentId: 'pay-1', amount: 20000, currency: 'USD', receivedOn: '2025-11-15', method: 'card' },
  { type: 'note', accountId: 'acc-1', text: 'Imported from the old ledger.', at: '2025-11-16T10:00:00Z' },
];
const ndjson = (lines: unknown[]) => lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n');

async function importInto(store: EventStore, text: string, format: 'ndjson' | 'csv' = 'ndjson', by: ImportCaller = caller) {
  const sealer = new SealAndChain(
    new PersonalDataVault(new InMemoryKeyStore()),
    new RandomIdGenerator(),
    chainKey,
    new OptOutLinks(chainKey, 'https://arrears.example'),
  );
  return new LedgerImport(store, sealer, clock, policies, by, 'import-1', text.length, { chunkLines: 2, cachedAccounts: 10 }).run([text], format);
}

describe('importing a ledger', () => {
  it('given a file, appends the events the API would, dated by their business dates and recorded now', async () => {
    const store = new InMemoryEventStore();
    const progress = await importInto(store, ndjson(ledger));
    expect(progress).toMatchObject({ status: 'done', linesRead: 4, linesApplied: 4, linesRefused: 0 });
    const events = await store.readStream('account-acc-1');
    expect(events.map((event) => [event.type, event.metadata.occurredAt, event.metadata.recordedAt])).toEqual([
      ['AccountOpened', '2025-06-01T16:00:00.000Z', '2026-03-01T15:00:00.000Z'],
      ['InvoiceIssued', '2025-10-01T16:00:00.000Z', '2026-03-01T15:00:00.000Z'],
      ['PaymentReceived', '2025-11-15T17:00:00.000Z', '2026-03-01T15:00:00.000Z'],
      ['NoteAdded', '2025-11-16T10:00:00.000Z', '2026-03-01T15:00:00.000Z'],
    ]);
    expect(events[0]?.data).toMatchObject({ openedOn: '2025-06-01' });
    expect(verifyChain(events, chainKey)).toMatchObject({ status: 'intact', events: 4 });
  });

  it('opens an account with the debt type its line names, and refuses one it does not know (12 CFR 1006.26: the statute of limitations per debt type)', async () => {
    const store = new InMemoryEventStore();
    const typed = { ...ledger[0], debtType: 'written_contract' };
    const unknown = { ...ledger[0], accountId: 'acc-2', debtType: 'credit_card' };
    const progress = await importInto(store, ndjson([typed, unknown]));
    expect(progress.errors).toEqual([expect.objectContaining({ line: 2, field: 'debtType', code: 'INVALID_FIELD' })]);
    expect((await store.readStream('account-acc-1'))[0]?.data).toMatchObject({ debtType: 'written_contract' });
  });

  it('opens an account with the postal address its line gives (where letters go), and refuses a partial one naming the missing field', async () => {
    const store = new InMemoryEventStore();
    const address = { addressLine1: '12 Elm St', addressLine2: 'Apt 3', city: 'Albany', region: 'NY', postalCode: '12207', country: 'US' };
    const withAddress = { ...ledger[0], ...address };
    const noCity = { ...ledger[0], accountId: 'acc-2', addressLine1: '1 Main St', country: 'US' };
    const badCountry = { ...ledger[0], accountId: 'acc-3', ...address, country: 'USA' };
    const progress = await importInto(store, ndjson([withAddress, noCity, badCountry]));
    expect(progress).toMatchObject({ linesApplied: 1 });
    expect(progress.errors).toEqual([
      expect.objectContaining({ line: 2, field: 'city', code: 'MISSING_FIELD' }),
      expect.objectContaining({ line: 3, field: 'country', code: 'INVALID_FIELD' }),
    ]);
  });

  it('opens an account in the debtor’s language, so messages are written in it, and refuses one that is not a two-letter code', async () => {
    const store = new InMemoryEventStore();
    const spanish = { ...ledger[0], language: 'es' };
    const wordy = { ...ledger[0], accountId: 'acc-2', language: 'Spanish' };
    const progress = await importInto(store, ndjson([spanish, wordy]));
    expect(progress).toMatchObject({ linesApplied: 1 });
    expect(progress.errors).toEqual([expect.objectContaining({ line: 2, field: 'language', code: 'INVALID_LANGUAGE' })]);
    const [opened] = await store.readStream('account-acc-1');
    expect(opened?.data).toMatchObject({ debtor: { language: 'es' } });
  });

  it('refuses an e-mail that is a list of addresses, or a phone that is not E.164, as the API does: reminders would reach a third party', async () => {
    const store = new InMemoryEventStore();
    const listed = { ...ledger[0], email: 'ada@example.com, hr@employer.example' };
    const dialled = { ...ledger[0], accountId: 'acc-2', phone: '555-0100' };
    const progress = await importInto(store, ndjson([listed, dialled]));
    expect(progress).toMatchObject({ linesApplied: 0 });
    expect(progress.errors).toEqual([
      expect.objectContaining({ line: 1, field: 'email', code: 'INVALID_EMAIL' }),
      expect.objectContaining({ line: 2, field: 'phone', code: 'INVALID_PHONE' }),
    ]);
  });

  it('answers a caller of another creditor about an account as if it did not exist, whatever the line', async () => {
    const store = new InMemoryEventStore();
    await importInto(store, ndjson(ledger));
    const scoped: ImportCaller = { ...caller, creditors: ['cred-2'] };
    // Lines already imported, one in the future, one dated only, one at an instant: on acc-1 and on an absent acc-9.
    const probes = (accountId: string) => [
      ...ledger.slice(1).map((line) => ({ ...line, accountId })),
      { ...ledger[2], accountId, paymentId: 'pay-9', receivedOn: '2999-01-01' },
      { ...ledger[3], accountId, at: '2999-01-01T10:00:00Z' },
    ];
    const errors = async (accountId: string) =>
      (await importInto(store, ndjson(probes(accountId)), 'ndjson', scoped)).errors.map(({ line, field, code, reason }) => ({
        line,
        field,
        code,
        reason: reason.replace(accountId, '<id>'),
      }));
    const absent = await errors('acc-9');
    expect(absent.map(({ code }) => code)).toEqual([...Array(4).fill('ACCOUNT_NOT_FOUND'), 'FACT_IN_FUTURE']);
    expect(await errors('acc-1')).toEqual(absent);
    // Opening it is refused as opening one's own twice.
    const opening = await importInto(store, ndjson([{ ...ledger[0], creditorId: 'cred-2' }]), 'ndjson', scoped);
    expect(opening.errors).toEqual([expect.objectContaining({ code: 'ACCOUNT_ALREADY_EXISTS' })]);
    expect(await store.readStream('account-acc-1')).toHaveLength(4);
  });

  it('refuses a date or an instant that is no real one, even where no rule of the decider reads it', async () => {
    const store = new InMemoryEventStore();
    const lines = [
      ...ledger,
      { type: 'plan', accountId: 'acc-1', planId: 'plan-1', currency: 'USD', agreedOn: '2025-99-99', installments: '2026-04-01:50000' },
      { type: 'promise', accountId: 'acc-1', promiseId: 'p-1', amount: 100, currency: 'USD', dueOn: '2026-03-20', madeOn: '2026-15-03' },
      { type: 'plan', accountId: 'acc-1', planId: 'plan-2', currency: 'USD', agreedOn: '2026-02-01', installments: '2026-02-30:50000' },
      { ...ledger[3], at: '2025-02-30T10:00:00Z' },
    ];
    const progress = await importInto(store, ndjson(lines));
    expect(progress.errors.map(({ line, field, code }) => [line, field, code])).toEqual([
      [5, 'agreedOn', 'INVALID_FIELD'],
      [6, 'madeOn', 'INVALID_FIELD'],
      [7, 'installments', 'INVALID_FIELD'],
      [8, 'at', 'INVALID_FIELD'],
    ]);
  });

  it('takes a payment method, a plan and a note within the bounds the API has', async () => {
    const store = new InMemoryEventStore();
    const lines = [
      ...ledger.slice(0, 2),
      { ...ledger[2], method: 'bitcoin' },
      { type: 'plan', accountId: 'acc-1', planId: 'plan-1', currency: 'USD', agreedOn: '2026-02-01', installments: Array(121).fill('2026-04-01:1').join(';') },
      { ...ledger[3], text: 'x'.repeat(4000) },
    ];
    const progress = await importInto(store, ndjson(lines));
    expect(progress.errors.map(({ line, field, code }) => [line, field, code])).toEqual([
      [3, 'method', 'INVALID_FIELD'],
      [4, 'installments', 'PLAN_TOO_MANY_INSTALLMENTS'],
    ]);
    expect(progress.linesApplied).toBe(3);
  });

  it('when run again on the same file, appends nothing', async () => {
    const store = new InMemoryEventStore();
    await importInto(store, ndjson(ledger));
    expect(await importInto(store, ndjson(ledger))).toMatchObject({ linesAlreadyPresent: 4, linesApplied: 0, factsAppended: 0 });
    expect(await store.readStream('account-acc-1')).toHaveLength(4);
  });

  it('refuses a line the deciders refuse, by line, field and code, and appends nothing for it', async () => {
    const store = new InMemoryEventStore();
    const early = { ...ledger[2], paymentId: 'pay-0', receivedOn: '2025-05-01' };
    const progress = await importInto(store, ndjson([...ledger, early, { ...ledger[1], invoiceId: 'inv-2', currency: 'ZZZ' }]));
    expect(progress.errors).toEqual([
      expect.objectContaining({ line: 5, field: 'receivedOn', code: 'PAYMENT_BEFORE_ACCOUNT_OPENED' }),
      expect.objectContaining({ line: 6, field: 'currency', code: 'UNKNOWN_CURRENCY' }),
    ]);
    expect(await store.readStream('account-acc-1')).toHaveLength(4);
  });

  it("refuses invoice terms out of the domain's bounds, naming the line's column", async () => {
    const store = new InMemoryEventStore();
    const invoice = ledger[1] as Record<string, unknown>;
    const progress = await importInto(
      store,
      ndjson([
        ledger[0],
        { ...invoice, invoiceId: 'inv-2', graceDays: 366 },
        { ...invoice, invoiceId: 'inv-3', discountPercent: 2, discountWithinDays: 3651 },
        { ...invoice, invoiceId: 'inv-4', lateFeePercent: 150 },
      ]),
    );
    expect(progress.errors.map(({ line, field, code }) => [line, field, code])).toEqual([
      [2, 'graceDays', 'INVALID_TERMS'],
      [3, 'discountWithinDays', 'INVALID_TERMS'],
      [4, 'lateFeePercent', 'INVALID_TERMS'],
    ]);
  });

  it('reports malformed lines one by one, and goes on', async () => {
    const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const lines = [
      '{not json',
      '{"type":"note","accountId":"acc-1","text":"a\\u0000b","at":"2025-11-16T10:00:00Z"}',
      '{"type":"note","accountId":"acc-1","text":"\\ud800","at":"2025-11-16T10:00:00Z"}',
      '{"type":"note","accountId":"acc-1","__proto__":{"x":1},"text":"t","at":"2025-11-16T10:00:00Z"}',
      { ...ledger[1], amount: 2 ** 53 + 2 },
      deep,
      { ...ledger[1], amount: 'lots' },
      { type: 'invoice', accountId: 'acc-1' },
      'x'.repeat(70_000),
    ];
    const progress = await importInto(new InMemoryEventStore(), ndjson([ledger[0], ...lines]));
    expect(progress.errors.map(({ line, field, code }) => [line, field, code])).toEqual([
      [2, null, 'MALFORMED_JSON'],
      [3, 'text', 'INVALID_TEXT'],
      [4, 'text', 'INVALID_TEXT'],
      [5, '__proto__', 'UNKNOWN_FIELD'],
      [6, 'amount', 'INVALID_FIELD'],
      [7, 'type', 'MISSING_FIELD'],
      [8, 'amount', 'INVALID_FIELD'],
      [9, 'issuedOn', 'MISSING_FIELD'],
      [10, null, 'LINE_TOO_LONG'],
    ]);
  });

  it('reads CSV with a header, quoted cells included', async () => {
    const csv = [
      'type,accountId,creditorId,debtorReference,timeZone,openedOn,text,at',
      'account,acc-1,cred-1,D-1,UTC,2025-06-01,,',
      'note,acc-1,,,,,"Said ""call later"", then hung up",2025-11-16T10:00:00Z',
    ].join('\r\n');
    const store = new InMemoryEventStore();
    expect(await importInto(store, csv, 'csv')).toMatchObject({ linesApplied: 2, linesRefused: 0 });
    expect((await store.readStream('account-acc-1'))[1]?.data).toEqual({ text: 'Said "call later", then hung up' });
  });
});
