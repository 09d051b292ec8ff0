import { Client } from 'pg';
import { PostgresReadStore } from '@arrears/read-store';
import { createTestDatabase } from '../../../../test/setup/test-database';
import { readModelShapes } from '../read-models';
import { accountProjection, eventLog, facts, projectAll } from '../read-models/read-model.fixtures';
import { ShapedReadStore } from './shaped-read-store';

describe('ShapedReadStore on PostgreSQL', () => {
  let url: string;
  let raw: PostgresReadStore;
  let store: ShapedReadStore;
  beforeAll(async () => {
    url = await createTestDatabase();
    raw = await PostgresReadStore.connect(url);
    store = new ShapedReadStore(raw, readModelShapes);
  });
  afterAll(() => raw.close());

  const acc = eventLog()('acc-1');
  const folded = projectAll(accountProjection, [
    acc('AccountOpened', facts.opened('acc-1')),
    acc('InvoiceIssued', facts.invoice('inv-1', 10_000, '2026-01-05', '2026-02-04')),
  ]);
  const account = folded.get('accounts/acc-1')!;
  const line = folded.get('worklist/acc-1')!;
  const storedText = async (table: string) => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ doc: string }>(`SELECT doc::text AS doc FROM ${table} WHERE id = 'acc-1'`);
      return rows[0]?.doc ?? '';
    } finally {
      await client.end();
    }
  };

  it('stores the account and its worklist line without their defaults, and answers them whole by id and by query', async () => {
    await store.apply([
      { kind: 'put', collection: 'accounts', document: account },
      { kind: 'put', collection: 'worklist', document: line },
    ]);
    expect((await storedText('rm_accounts')).length).toBeLessThan(JSON.stringify(account).length / 2);
    expect(JSON.parse(await storedText('rm_accounts'))).not.toHaveProperty('account.holds');
    expect(await store.get('accounts', 'acc-1')).toStrictEqual(JSON.parse(JSON.stringify(account)));
    const byDebtor = await store.find('accounts', {
      where: [
        { field: 'creditorId', op: 'eq', value: 'cred-1' },
        { field: 'account.debtor.reference', op: 'eq', value: 'D-acc-1' },
      ],
    });
    expect(byDebtor).toStrictEqual([JSON.parse(JSON.stringify(account))]);
    expect(await store.find('worklist', { where: [{ field: 'listed', op: 'eq', value: line.listed as boolean }] })).toStrictEqual([
      JSON.parse(JSON.stringify(line)),
    ]);
  });

  it("stores a rebuild's shadow like its collection", async () => {
    await store.apply([{ kind: 'put', collection: 'accounts__v15', document: account }]);
    expect(JSON.parse(await storedText('rm_accounts__v15'))).not.toHaveProperty('account.holds');
    expect(await store.get('accounts__v15', 'acc-1')).toStrictEqual(JSON.parse(JSON.stringify(account)));
  });

  it('refuses a query or an index on a field a document may leave out', async () => {
    await expect(store.find('accounts', { where: [{ field: 'account.status', op: 'eq', value: 'open' }] })).rejects.toThrow(/account.status slim/);
    await expect(store.find('worklist', { orderBy: [{ field: 'contact.validationNotice', direction: 'asc' }] })).rejects.toThrow(/slim/);
    await expect(store.ensureIndexes('accounts', [{ name: 'by_status', fields: [{ field: 'account.status', direction: 'asc' }] }])).rejects.toThrow(/slim/);
  });

  it('refuses to update fields of a slim document, and leaves other collections as they are', async () => {
    await expect(store.apply([{ kind: 'update', collection: 'accounts', id: 'acc-1', set: { 'account.credit': 5 } }])).rejects.toThrow(/stored slim/);
    await store.apply([{ kind: 'put', collection: 'accounts__archive', document: { id: 'acc-1', holds: {}, credit: 0 } }]);
    expect(JSON.parse(await storedText('rm_accounts__archive'))).toStrictEqual({ holds: {}, credit: 0 });
  });
});
