import { Client } from 'pg';
import { closedAfterAll } from './support/closed-after-all';
import { as, invoiceBody, readModelsCaughtUp, startTestApi, uniqueId, type TestApi } from './support/test-api';

const debtorOf = (reference: string, name: string, phone: string) => ({ reference, name, phone, timeZone: 'America/New_York' });

describe('account search for inbound calls (GET /accounts/search)', () => {
  const closeLater = closedAfterAll();
  let api: TestApi;
  let sql: Client;
  const [ada, byron, elsewhere] = ['acc-a', 'acc-b', 'acc-c'].map((prefix) => uniqueId(prefix)) as [string, string, string];
  const reference = uniqueId('D');
  const agent = () => as('agent', 'agent-7', ['cred-1']);
  const search = async (query: string, headers?: Record<string, string>) => api.get(`/accounts/search?${query}`, headers ?? (await agent()));

  beforeAll(async () => {
    api = closeLater(await startTestApi(), (started) => started.close());
    sql = closeLater(new Client({ connectionString: api.databaseUrl }), (client) => client.end());
    await sql.connect();
    const accounts = [
      [ada, 'cred-1', debtorOf(reference, 'Ada Lovelace', '+15551234567')],
      [byron, 'cred-1', debtorOf(uniqueId('D'), 'Ada Byron', '+15559876543')],
      [elsewhere, 'cred-2', debtorOf(uniqueId('D'), 'Ada Lovelace', '+15551234567')],
    ] as const;
    for (const [accountId, creditorId, debtor] of accounts) {
      expect((await api.post('/accounts', { accountId, creditorId, debtor, openedOn: '2025-12-01' })).status).toBe(201);
    }
    expect((await api.post(`/accounts/${ada}/invoices`, invoiceBody('inv-1'))).status).toBe(201);
    await readModelsCaughtUp(api);
  });

  it('finds a debtor by a name prefix, within the creditors the token acts for, with the name opened and the balance', async () => {
    const found = await search('q=lovel');
    expect(found.status).toBe(200);
    expect(found.body).toEqual({
      items: [
        {
          accountId: ada,
          creditorId: 'cred-1',
          debtorReference: reference,
          debtorName: 'Ada Lovelace',
          status: 'open',
          currency: 'USD',
          balance: 12500,
          matchedBy: ['name'],
        },
      ],
      nextCursor: null,
    });
  });

  it('needs every word to match, whole or by its first letters, whatever the case and order', async () => {
    expect((await search('q=LOVELACE%20ada')).body.items.map((line: { accountId: string }) => line.accountId)).toEqual([ada]);
    expect((await search('q=ada')).body.items.map((line: { accountId: string }) => line.accountId)).toEqual([ada, byron].sort());
    expect((await search('q=ovelace')).body.items).toEqual([]);
  });

  it('finds by phone number with or without country code and dialling signs, by account id and by debtor reference', async () => {
    for (const query of ['%2B1%20(555)%20123-4567', '555-123-4567', '1234567']) {
      expect((await search(`q=${query}`)).body.items).toMatchObject([{ accountId: ada, matchedBy: ['phone'] }]);
    }
    expect((await search(`q=${ada}`)).body.items).toMatchObject([{ accountId: ada, matchedBy: ['accountId'] }]);
    expect((await search(`q=${reference}`)).body.items).toMatchObject([{ accountId: ada, matchedBy: ['debtorReference'] }]);
    expect((await search(`q=${elsewhere}`)).body.items).toEqual([]);
  });

  it('pages by account id', async () => {
    const first = await search('q=ada&limit=1');
    expect(first.body.items).toHaveLength(1);
    const second = await search(`q=ada&limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ items: [{}], nextCursor: null });
    expect(second.body.items[0].accountId > first.body.items[0].accountId).toBe(true);
  });

  it('refuses a malformed query field by field, a creditor outside the token and a role that does not take calls', async () => {
    const malformed = await search('q=x&limit=500&cursor=%25');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['cursor', 'limit', 'q']);
    expect((await search('q=ada&creditorId=cred-2')).status).toBe(403);
    expect((await search('q=ada', await as('analyst', 'analyst-1', ['cred-1']))).status).toBe(403);
  });

  it('no longer finds an erased debtor, and keeps no digest of them', async () => {
    expect((await api.post(`/accounts/${byron}/erase-personal-data`)).status).toBe(200);
    await readModelsCaughtUp(api);
    expect((await search('q=byron')).body.items).toEqual([]);
    expect((await search(`q=${byron}`)).body.items).toMatchObject([{ accountId: byron, debtorName: null }]);
    expect((await sql.query("SELECT count(*)::int AS n FROM rm_account_search WHERE doc->>'accountId' = $1", [byron])).rows).toEqual([{ n: 0 }]);
  });
});
