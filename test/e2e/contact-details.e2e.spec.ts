import { Client } from 'pg';
import { closedAfterAll } from './support/closed-after-all';
import { as, readModelsCaughtUp, startTestApi, uniqueId, type TestApi } from './support/test-api';

const debtor = {
  reference: uniqueId('D'),
  name: 'Ada Lovelace',
  timeZone: 'America/New_York',
  email: 'ada@example.com',
  phone: '+15551234567',
  address: { lines: ['12 Analytical Row'], city: 'Albany', region: 'NY', postalCode: '12207', country: 'US' },
};
const moved = { lines: ['1 Engine Lane'], city: 'Chicago', region: 'IL', postalCode: '60601', country: 'US' };

describe('a debtor’s contact details change (POST /accounts/:id/contact-details)', () => {
  const closing = closedAfterAll();
  let api: TestApi;
  let sql: Client;
  const accountId = uniqueId('acc');

  beforeAll(async () => {
    api = closing(await startTestApi(), (started) => started.close());
    sql = closing(new Client({ connectionString: api.databaseUrl }), (client) => client.end());
    await sql.connect();
    expect((await api.post('/accounts', { accountId, creditorId: 'cred-1', debtor })).status).toBe(201);
  });

  const change = async (body: unknown, role: 'agent' | 'supervisor' | 'system' = 'agent') =>
    api.post(`/accounts/${accountId}/contact-details`, body, await as(role));
  const search = async (query: string) =>
    (await api.get(`/accounts/search?q=${encodeURIComponent(query)}`, await as('agent'))).body.items.map((item: { accountId: string }) => item.accountId);

  it('records a new number, address and zone, removes what is sent as null, and the account shows them', async () => {
    const changed = await change({ phone: '+13125550199', address: moved, timeZone: 'America/Chicago', email: null });
    expect(changed.status).toBe(200);
    expect(changed.body.revision).toBe(1);
    await readModelsCaughtUp(api);
    const account = await api.get(`/accounts/${accountId}`, await as('agent'));
    expect(account.body.debtor).toEqual({
      reference: debtor.reference,
      name: 'Ada Lovelace',
      timeZone: 'America/Chicago',
      phone: '+13125550199',
      address: moved,
    });
  });

  it('stores the new personal values sealed, never in clear, and names only the fields in the history', async () => {
    const { rows } = await sql.query<{ data: unknown }>(`SELECT data FROM events WHERE stream_id = $1 AND type = 'DebtorContactDetailsChanged'`, [
      `account-${accountId}`,
    ]);
    expect(rows).toHaveLength(1);
    // The clear part only: the ciphertext is random base64, which may spell anything.
    expect(JSON.stringify({ ...(rows[0]?.data as object), sealed: undefined })).not.toMatch(/3125550199|Engine Lane|60601/);
    expect(rows[0]?.data).toMatchObject({ timeZone: 'America/Chicago', sealed: { keyId: expect.any(String) } });
    const history = await api.get(`/accounts/${accountId}/history`, await as('supervisor'));
    expect(history.body.items.map((item: { summary: string }) => item.summary)).toContain('The debtor’s e-mail, phone, address, time zone changed.');
  });

  it('finds the debtor by the new number, no longer by the old one, and still by name', async () => {
    expect(await search('+1 312 555 0199')).toEqual([accountId]);
    expect(await search('555 123 4567')).toEqual([]);
    expect(await search('lovelace')).toContain(accountId);
  });

  it('changes nothing when sent again: the same answer, no event', async () => {
    const again = await change({ phone: '+13125550199' });
    expect(again.status).toBe(200);
    expect(again.body.revision).toBe(1);
  });

  it('answers hostile or impossible input with field-level problems, never a 5xx', async () => {
    const cases: [unknown, number, string][] = [
      [{ phone: '555' }, 400, 'phone'],
      [{ name: 'Ada\u0000Lovelace' }, 400, 'name'],
      [{ email: 'not-an-address' }, 400, 'email'],
      [{ address: { lines: [], city: 'X', country: 'US' } }, 400, 'address.lines'],
      [{ reference: 'D-2' }, 400, 'reference'],
    ];
    for (const [body, status, field] of cases) {
      const response = await change(body);
      expect({ body, status: response.status }).toEqual({ body, status });
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
    // A prototype key is refused as the body is parsed, before any field is read.
    const poisoned = await api.post(`/accounts/${accountId}/contact-details`, '{"__proto__": {"phone": "+15550000000"}}', {
      ...(await as('agent')),
      'content-type': 'application/json',
    });
    expect(poisoned.status).toBe(400);
    expect((await change({ timeZone: null })).body).toMatchObject({ status: 422, code: 'INVALID_TIME_ZONE' });
    expect((await change({ timeZone: 'Mars/Olympus_Mons' })).status).toBe(400);
  });

  it('is refused once the debtor’s personal data is erased', async () => {
    expect((await api.post(`/accounts/${accountId}/erase-personal-data`, undefined, await as('supervisor'))).status).toBe(200);
    expect((await change({ phone: '+13125550100' })).body).toMatchObject({ status: 422, code: 'PERSONAL_DATA_ERASED' });
  });
});
