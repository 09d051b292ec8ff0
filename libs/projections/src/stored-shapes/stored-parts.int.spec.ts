import { Client } from 'pg';
import { isStoreUnavailable, StoreBusyError } from '@arrears/platform';
import { LeaseLostError, omittedPaths, PostgresReadStore, withoutPaths, type WriteOperation } from '@arrears/read-store';
import { createTestDatabase } from '../../../../test/setup/test-database';
import type { ProjectedDocument } from '../projection';
import { batchWrites, type LoadedDocuments } from '../runner/batch-writes';
import { readModelParts, readModelShapes } from '../read-models';
import { accountProjection, eventLog, facts, projectAll } from '../read-models/read-model.fixtures';
import { ShapedReadStore } from './shaped-read-store';

const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10);
const asJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** An account folded as the projector folds it, one payment a day; `paid(n)` folds one more. */
function account(accountId: string) {
  const acc = eventLog()(accountId);
  const documents = new Map<string, ProjectedDocument | null>();
  const fold = (events: ReturnType<typeof acc>[]) => {
    projectAll(accountProjection, events, documents);
    return documents.get(`accounts/${accountId}`) as ProjectedDocument;
  };
  const payment = (n: number) =>
    acc('PaymentReceived', facts.payment(`pay-${n}`, 100, day(n), [{ invoiceId: 'inv-1', amount: 100 }]), `${day(n)}T12:00:00.000Z`);
  fold([acc('AccountOpened', facts.opened(accountId)), acc('InvoiceIssued', facts.invoice('inv-1', 10_000_000, '2026-01-01', '2026-01-31'))]);
  return { paid: (from: number, count = 1) => fold(Array.from({ length: count }, (_, k) => payment(from + k))) };
}

const put = (collection: string, document: ProjectedDocument): WriteOperation => ({ kind: 'put', collection, document });

describe('account documents stored in parts, on PostgreSQL', () => {
  let url: string;
  let raw: PostgresReadStore;
  const stores: ShapedReadStore[] = [];
  const shaped = () => {
    const store = new ShapedReadStore(raw, readModelShapes, readModelParts);
    stores.push(store);
    return store;
  };
  beforeAll(async () => {
    url = await createTestDatabase();
    raw = await PostgresReadStore.connect(url);
  });
  afterAll(() => raw.close());
  afterEach(() => jest.restoreAllMocks());

  const rows = async (sql: string) => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<{ n: number }>(sql)).rows[0]?.n;
    } finally {
      await client.end();
    }
  };
  /** Each read of parts from now on: how many it found, and whether it read their values or only listed their stamps. */
  const partsRead = () => {
    const find = jest.spyOn(raw, 'find');
    return () =>
      Promise.all(
        find.mock.calls.flatMap(([collection, query], i) =>
          collection === 'account_parts'
            ? [
                (find.mock.results[i]?.value as Promise<unknown[]>).then(
                  (parts) => [parts.length, query?.omit?.includes('value') ? 'stamps' : 'values'] as const,
                ),
              ]
            : [],
        ),
      );
  };
  /** An account of 100 payments that a reader read, then paid once more by another process. */
  const paidAfterARead = async (id: string) => {
    const [writer, reader] = [shaped(), shaped()];
    const grown = account(id);
    await writer.apply([put('accounts', grown.paid(0, 100))]);
    await reader.get('accounts', id);
    const after = grown.paid(100);
    await writer.apply([put('accounts', after)]);
    return { reader, after };
  };
  /** The parts each write of the store sends, by the collections they go to. */
  const partsWritten = () => {
    const apply = jest.spyOn(raw, 'apply');
    return () => apply.mock.calls.map(([operations]) => operations.filter((operation) => operation.collection.startsWith('account_parts')).length);
  };

  it('stores a large account in parts, writes again only the parts a payment changed, and answers it whole to every reader', async () => {
    const store = shaped();
    const grown = account('acc-grown');
    const before = grown.paid(0, 300);
    await store.apply([put('accounts', before)]);
    expect(await rows(`SELECT count(*)::int AS n FROM rm_account_parts WHERE doc->>'owner' = 'acc-grown'`)).toBeGreaterThan(300);
    expect(await rows(`SELECT length(doc::text) AS n FROM rm_accounts WHERE id = 'acc-grown'`)).toBeLessThan(JSON.stringify(before).length / 10);

    const written = partsWritten();
    const after = grown.paid(300);
    await store.apply([put('accounts', after)]);
    // One part of the payments, one of the invoice's days paid on, and the ledger's month.
    expect(written()).toStrictEqual([3]);
    expect(await store.get('accounts', 'acc-grown')).toStrictEqual(asJson(after));
    expect(await shaped().get('accounts', 'acc-grown')).toStrictEqual(asJson(after));
    const [found] = await shaped().find('accounts', { where: [{ field: 'creditorId', op: 'eq', value: 'cred-1' }] });
    expect(found).toStrictEqual(asJson(after));
  });

  it('keeps the parts a process wrote or read: its later reads take the head alone, and after another write only the parts it changed', async () => {
    const [writer, reader] = [shaped(), shaped()];
    const grown = account('acc-kept');
    await writer.apply([put('accounts', grown.paid(0, 100))]);
    const readSoFar = partsRead();
    await writer.get('accounts', 'acc-kept');
    expect(await readSoFar()).toStrictEqual([]);
    await reader.get('accounts', 'acc-kept');
    await reader.find('accounts', { where: [{ field: 'id', op: 'in', value: ['acc-kept'] }] });
    const [all] = (await readSoFar())[0] ?? [0];
    expect(all).toBeGreaterThan(100);
    const after = grown.paid(100);
    await writer.apply([put('accounts', after)]);
    expect(await reader.get('accounts', 'acc-kept')).toStrictEqual(asJson(after));
    expect(await writer.get('accounts', 'acc-kept')).toStrictEqual(asJson(after));
    // The reader lists the stamps, then reads one part of the payments, one of the invoice's days paid on, and the ledger's month.
    expect(await readSoFar()).toStrictEqual([
      [all, 'values'],
      [expect.any(Number), 'stamps'],
      [3, 'values'],
    ]);
  });

  it('reads again every part stored without a stamp: nothing tells it unchanged', async () => {
    const { reader, after } = await paidAfterARead('acc-unstamped');
    await rows(`UPDATE rm_account_parts SET doc = doc - 'stamp' WHERE doc->>'owner' = 'acc-unstamped'`);
    const parts = await rows(`SELECT count(*)::int AS n FROM rm_account_parts WHERE doc->>'owner' = 'acc-unstamped'`);
    const readSoFar = partsRead();

    expect(await reader.get('accounts', 'acc-unstamped')).toStrictEqual(asJson(after));
    const valuesRead = (await readSoFar()).flatMap(([count, what]) => (what === 'values' ? [count] : []));
    expect(valuesRead.reduce((sum, n) => sum + n, 0)).toBe(parts);
  });

  it("folds a growing account batch by batch as the runner does, on the batch before's documents or on those it reads", async () => {
    const store = shaped();
    const acc = eventLog()('acc-run');
    const events = [
      acc('AccountOpened', facts.opened('acc-run')),
      acc('InvoiceIssued', facts.invoice('inv-1', 10_000_000, '2026-01-01', '2026-01-31')),
      ...Array.from({ length: 240 }, (_, n) =>
        acc('PaymentReceived', facts.payment(`pay-${n}`, 100, day(n), [{ invoiceId: 'inv-1', amount: 100 }]), `${day(n)}T12:00:00.000Z`),
      ),
    ];
    let known: LoadedDocuments | undefined;
    for (let from = 0; from < events.length; from += 30) {
      const outcome = await batchWrites(store, accountProjection, events.slice(from, from + 30), 'quarantine', new Map(), known);
      await store.apply(outcome.writes);
      // Every other batch reads its documents back, as one does after the batch before was written by another process.
      known = from % 60 ? undefined : outcome.documents;
    }
    const folded = projectAll(accountProjection, events);
    expect(await shaped().get('accounts', 'acc-run')).toStrictEqual(asJson(folded.get('accounts/acc-run')));
    expect(await store.get('worklist', 'acc-run')).toStrictEqual(asJson(folded.get('worklist/acc-run')));
  });

  it('answers what another process wrote since, not what it read before', async () => {
    const { reader, after } = await paidAfterARead('acc-shared');
    expect(await reader.get('accounts', 'acc-shared')).toStrictEqual(asJson(after));
  });

  it('reads again an account written between the read of its head and that of its parts: never a head with the parts of another write', async () => {
    const [reader, writer] = [shaped(), shaped()];
    const grown = account('acc-torn');
    await writer.apply([put('accounts', grown.paid(0, 100))]);
    let next = grown.paid(100);
    const find = raw.find.bind(raw);
    let writtenMeanwhile = false;
    jest.spyOn(raw, 'find').mockImplementation(async (collection, query) => {
      if (collection === 'account_parts' && !writtenMeanwhile) {
        writtenMeanwhile = true;
        await writer.apply([put('accounts', next)]);
      }
      return find(collection, query);
    });
    expect(await reader.get('accounts', 'acc-torn')).toStrictEqual(asJson(next));
    expect(writtenMeanwhile).toBe(true);

    // Again for a reader that holds the parts and reads only those a write changed: two writes, the second between.
    const [first, second] = [grown.paid(101), grown.paid(102)];
    await writer.apply([put('accounts', first)]);
    writtenMeanwhile = false;
    next = second;
    expect(await reader.get('accounts', 'acc-torn')).toStrictEqual(asJson(second));
    expect(writtenMeanwhile).toBe(true);
  });

  it('gives up on an account written again before every read of its parts, as a store too busy to answer (503 to a client)', async () => {
    const [reader, writer] = [shaped(), shaped()];
    const grown = account('acc-busy');
    await writer.apply([put('accounts', grown.paid(0, 100))]);
    const find = raw.find.bind(raw);
    let payments = 100;
    jest.spyOn(raw, 'find').mockImplementation(async (collection, query) => {
      if (collection === 'account_parts') await writer.apply([put('accounts', grown.paid(payments++))]);
      return find(collection, query);
    });
    const failure = await reader.get('accounts', 'acc-busy').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StoreBusyError);
    expect(isStoreUnavailable(failure)).toBe(true);
    expect(payments).toBe(110);
  });

  it('reads nothing of the parts for a query that leaves their fields out', async () => {
    const store = shaped();
    await store.apply([put('accounts', account('acc-omit').paid(0, 100))]);
    const find = jest.spyOn(raw, 'find');
    const [found] = await store.find('accounts', { where: [{ field: 'id', op: 'eq', value: 'acc-omit' }], omit: ['account', 'kpis'] });
    expect(found).not.toHaveProperty('account');
    expect(find.mock.calls.map(([collection]) => collection)).toStrictEqual(['accounts']);
  });

  it('reads only the parts of the fields a read keeps, and keeps them: then the head alone, or after another write the parts it changed', async () => {
    const [writer, reader] = [shaped(), shaped()];
    const grown = account('acc-paths');
    await writer.apply([put('accounts', grown.paid(0, 100))]);
    const omit = ['kpis', 'account.payments'];
    const without = (document: ProjectedDocument, fields: string[]) => withoutPaths(asJson(document), omittedPaths(fields));
    const find = jest.spyOn(raw, 'find');
    /** The fields whose parts were read or listed since the last look (each part's path's first two keys), and how many parts. */
    const fieldsRead = async () => {
      const found = find.mock.calls.flatMap(([collection, query], i) =>
        collection === 'account_parts' ? [{ listed: query?.omit?.includes('value'), parts: find.mock.results[i]?.value as Promise<{ path: string[] }[]> }] : [],
      );
      find.mockClear();
      return Promise.all(
        found.map(async ({ listed, parts }) => {
          const paths = (await parts).map(({ path }) => path.slice(0, 2).join('.'));
          return [listed ? 'listed' : 'read', [...new Set(paths)], paths.length] as const;
        }),
      );
    };

    expect(await reader.get('accounts', 'acc-paths', { omit })).toStrictEqual(without(grown.paid(100, 0), omit));
    // The invoice's days paid on, a hundred of them, are kept in parts too, and read.
    expect(await fieldsRead()).toStrictEqual([['read', ['account.invoices'], expect.any(Number)]]);
    expect(await reader.get('accounts', 'acc-paths', { omit })).toStrictEqual(without(grown.paid(100, 0), omit));
    expect(await fieldsRead()).toStrictEqual([]);

    let after = grown.paid(100);
    await writer.apply([put('accounts', after)]);
    expect(await reader.get('accounts', 'acc-paths', { omit })).toStrictEqual(without(after, omit));
    expect(await fieldsRead()).toStrictEqual([
      ['listed', ['account.invoices'], expect.any(Number)],
      ['read', ['account.invoices'], 1],
    ]);
    // The fields it left out are read whole when a read asks for them.
    expect(await reader.get('accounts', 'acc-paths')).toStrictEqual(asJson(after));
    expect((await fieldsRead()).flatMap(([what, read]) => (what === 'read' ? read : [])).sort()).toStrictEqual(['account.payments', 'kpis.days']);
    after = grown.paid(101);
    await writer.apply([put('accounts', after)]);
    const fewer = [...omit, 'account.invoices'];
    expect(await reader.get('accounts', 'acc-paths', { omit: fewer })).toStrictEqual(without(after, fewer));
    expect(await fieldsRead()).toStrictEqual([]);
  });

  it('reads the parts an earlier release stored without their field whatever the fields a read keeps', async () => {
    const grown = account('acc-fieldless');
    const [writer, stored] = [shaped(), grown.paid(0, 100)];
    await writer.apply([put('accounts', stored)]);
    await rows(`UPDATE rm_account_parts SET doc = doc - 'field' WHERE doc->>'owner' = 'acc-fieldless'`);
    const reader = shaped();
    expect(await reader.get('accounts', 'acc-fieldless', { omit: ['kpis'] })).toStrictEqual(withoutPaths(asJson(stored), [['kpis']]));
    // After another payment the reader lists them all, but reads only the parts the payment changed of the fields it keeps.
    const after = grown.paid(100);
    await writer.apply([put('accounts', after)]);
    const readSoFar = partsRead();
    expect(await reader.get('accounts', 'acc-fieldless', { omit: ['kpis'] })).toStrictEqual(withoutPaths(asJson(after), [['kpis']]));
    expect(await readSoFar()).toStrictEqual([
      [expect.any(Number), 'stamps'],
      [2, 'values'],
    ]);
  });

  it('writes every part again after a write the store refused: it no longer knows what is stored', async () => {
    const store = shaped();
    const grown = account('acc-fenced');
    const first = await store.acquireLease('parts-spec', 'first', 10_000);
    if (!first) throw new Error('The spec could not take its lease.');
    await store.apply([put('accounts', grown.paid(0, 100))], { name: 'parts-spec', position: 1n, fence: first.token });
    const second = await store.acquireLease('parts-spec', 'second', 10_000, { takeOver: true });
    if (!second) throw new Error('The spec could not take the lease over.');
    const written = partsWritten();
    const after = grown.paid(100);
    await expect(store.apply([put('accounts', after)], { name: 'parts-spec', position: 2n, fence: first.token })).rejects.toThrow(LeaseLostError);
    await store.apply([put('accounts', after)], { name: 'parts-spec', position: 2n, fence: second.token });
    const [refused, again] = written();
    expect(refused).toBe(3);
    expect(again).toBeGreaterThan(100);
    expect(await shaped().get('accounts', 'acc-fenced')).toStrictEqual(asJson(after));
  });

  it('reads a document an earlier release stored whole as it is, and stores it in parts at its next write', async () => {
    const grown = account('acc-earlier');
    const earlier = grown.paid(0, 100);
    await raw.apply([put('accounts', earlier)]);
    const store = shaped();
    expect(await store.get('accounts', 'acc-earlier')).toStrictEqual(asJson(earlier));
    const after = grown.paid(100);
    await store.apply([put('accounts', after)]);
    expect(await rows(`SELECT count(*)::int AS n FROM rm_account_parts WHERE doc->>'owner' = 'acc-earlier'`)).toBeGreaterThan(100);
    expect(await shaped().get('accounts', 'acc-earlier')).toStrictEqual(asJson(after));
  });

  it("swaps a rebuild's parts in the step that swaps its documents: a swap refused leaves both as they were", async () => {
    const store = shaped();
    const live = account('acc-swapped').paid(0, 100);
    const rebuilt = account('acc-swapped').paid(0, 120);
    await store.apply([put('accounts', live), put('accounts__v98', rebuilt)]);
    const stale = await store.acquireLease('parts-swap', 'rebuild', 10_000);
    if (!stale) throw new Error('The spec could not take its lease.');
    await store.acquireLease('parts-swap', 'another', 10_000, { takeOver: true });
    await expect(store.replaceCollection('accounts__v98', 'accounts', { name: 'parts-swap', position: 9n, fence: stale.token })).rejects.toThrow(
      LeaseLostError,
    );
    expect(await rows(`SELECT count(*)::int AS n FROM rm_account_parts__v98`)).toBeGreaterThan(100);
    expect(await shaped().get('accounts', 'acc-swapped')).toStrictEqual(asJson(live));
  });

  it("keeps a rebuild's parts beside its shadow, puts them in place with it, and drops them with it", async () => {
    const store = shaped();
    const rebuilt = account('acc-rebuilt').paid(0, 100);
    await store.apply([put('accounts__v99', rebuilt)]);
    expect(await rows(`SELECT count(*)::int AS n FROM rm_account_parts__v99`)).toBeGreaterThan(100);
    await store.replaceCollection('accounts__v99', 'accounts', { name: 'parts-rebuild', position: 5n });
    expect(await shaped().get('accounts', 'acc-rebuilt')).toStrictEqual(asJson(rebuilt));
    expect(await rows(`SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'rm_account_parts__v99'`)).toBe(0);
    await store.dropCollection('accounts');
    expect(await rows(`SELECT count(*)::int AS n FROM pg_tables WHERE tablename IN ('rm_accounts', 'rm_account_parts')`)).toBe(0);
  });
});
