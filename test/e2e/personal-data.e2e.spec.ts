import { createDecipheriv } from 'node:crypto';
import { Client } from 'pg';
import { LocalKeyEncryption, type SealedPersonalData } from '@arrears/personal-data';
import { Backends } from '@arrears/backends';
import { loadConfig, RandomIdGenerator, reportingZones, SystemClock } from '@arrears/platform';
import { loadAccountSearchKey, readModelsFor, rebuildProjection, ScoringInForce } from '@arrears/projections';
import { closedAfterAll } from './support/closed-after-all';
import { as, invoiceBody, paymentBody, readModelsCaughtUp, startTestApi, testSecretsEnv, uniqueId, type TestApi } from './support/test-api';

const debtor = {
  reference: uniqueId('D'),
  name: 'Ada Lovelace',
  timeZone: 'America/New_York',
  email: 'ada@example.com',
  phone: '+15551234567',
  address: { lines: ['12 St James’s Square'], city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' },
};
/** Every personal value, as it would appear in any JSON that leaked it: the opening's, a later change's, a dispute's words. */
const personal = ['Ada Lovelace', 'ada@example.com', '+15551234567', 'St James', 'SW1Y 4JH', 'ada.new@example.com', 'my sister Mary'];
const leaks = (value: unknown) => personal.filter((clear) => JSON.stringify(value).includes(clear));

describe('personal data protection and erasure (crypto-shredding)', () => {
  const closeLater = closedAfterAll();
  let api: TestApi;
  let sql: Client;
  const accountId = uniqueId('acc');
  const otherAccountId = uniqueId('acc');
  const strangerId = uniqueId('acc');

  /** The event rows of an account as PostgreSQL holds them. */
  const storedRows = async (id: string) => (await sql.query('SELECT data FROM events WHERE stream_id = $1 ORDER BY revision', [`account-${id}`])).rows;

  beforeAll(async () => {
    // No cache and a snapshot every two events: each command loads its account, as a process that did not write
    // it last would, and snapshots are kept.
    api = closeLater(await startTestApi({ env: { ACCOUNT_CACHE_SIZE: '0', ACCOUNT_SNAPSHOT_EVERY: '2' } }), (started) => started.close());
    sql = closeLater(new Client({ connectionString: api.databaseUrl }), (client) => client.end());
    await sql.connect();
    for (const [id, person] of [
      [accountId, debtor],
      [otherAccountId, debtor],
      [strangerId, { reference: uniqueId('D'), timeZone: 'America/New_York', name: 'Grace Hopper', email: 'grace@example.com', phone: '+15557654321' }],
    ] as const) {
      // With an Idempotency-Key, so that the stored first answer is searched for personal data too.
      expect(
        (await api.post('/accounts', { accountId: id, creditorId: 'cred-1', debtor: person, openedOn: '2025-12-01' }, { 'idempotency-key': uniqueId('open') }))
          .status,
      ).toBe(201);
    }
    expect((await api.post(`/accounts/${accountId}/invoices`, invoiceBody('inv-1'))).status).toBe(201);
    expect((await api.post(`/accounts/${accountId}/payments`, paymentBody('pay-1', 5_000))).status).toBe(201);
    // A message that names the debtor and their address: stored sealed, gone with the key.
    expect((await api.post(`/accounts/${accountId}/validation-notice`, { channel: 'letter' })).status).toBe(201);
    // Personal data after the opening: a new e-mail address, and a dispute in the debtor's own words.
    expect((await api.post(`/accounts/${accountId}/contact-details`, { email: 'ada.new@example.com' }, await as('agent'))).status).toBe(200);
    const dispute = { disputeId: 'd-1', invoiceId: 'inv-1', reason: 'Paid by my sister Mary in January' };
    expect((await api.post(`/accounts/${accountId}/disputes`, dispute, await as('agent'))).status).toBe(201);
  });

  it('stores the personal fields only encrypted, and shows them to those who may read the account', async () => {
    const [opened] = await storedRows(accountId);
    expect(leaks(opened)).toEqual([]);
    expect(opened.data.debtor).toMatchObject({ reference: debtor.reference, timeZone: 'America/New_York', sealed: { keyId: expect.any(String) } });
    await readModelsCaughtUp(api);
    const account = await api.get(`/accounts/${accountId}`, await as('agent'));
    expect(account.body.debtor).toMatchObject({ name: 'Ada Lovelace', email: 'ada.new@example.com', address: debtor.address });
  });

  it('keeps data keys only wrapped: no key in the key table opens a sealed field without the key-encryption key', async () => {
    const [opened] = await storedRows(accountId);
    const sealed = opened.data.debtor.sealed as SealedPersonalData;
    const { rows } = await sql.query<{ key_id: string; key: Buffer }>('SELECT key_id, key FROM personal_data_keys WHERE key IS NOT NULL');
    expect(rows.map((row) => row.key_id)).toContain(sealed.keyId);
    for (const row of rows) expect(() => unseal(sealed, row.key)).toThrow();
    const stored = rows.find((row) => row.key_id === sealed.keyId) as { key: Buffer };
    const key = await new LocalKeyEncryption(testSecretsEnv.KEY_ENCRYPTION_KEY).unwrap(stored.key, sealed.keyId);
    expect(JSON.parse(unseal(sealed, key))).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com' });
  });

  /** AES-256-GCM as the vault seals, bound to the account: the clear JSON, or a throw. */
  const unseal = (sealed: SealedPersonalData, key: Buffer): string => {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64')).setAAD(Buffer.from(accountId));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
  };

  it('lets only a supervisor erase', async () => {
    for (const role of ['agent', 'auditor', 'analyst', 'system'] as const) {
      expect((await api.post(`/accounts/${accountId}/erase-personal-data`, undefined, await as(role))).status).toBe(403);
    }
    expect((await api.get(`/accounts/${accountId}`, await as('agent'))).body.debtor.name).toBe('Ada Lovelace');
  });

  describe('after a supervisor erases', () => {
    const kpis = '/kpis?creditorId=cred-1&from=2026-01-01&to=2026-03-01';
    let revisionBefore: number;
    let kpisBefore: unknown;
    beforeAll(async () => {
      await readModelsCaughtUp(api);
      kpisBefore = (await api.get(kpis, await as('analyst', 'analyst-1', ['cred-1']))).body;
      expect(kpisBefore).toMatchObject({ currencies: { USD: expect.anything() } });
      revisionBefore = (await storedRows(accountId)).length - 1;
      const erased = await api.post(`/accounts/${accountId}/erase-personal-data`, undefined, await as('supervisor'));
      expect(erased.status).toBe(200);
      expect(erased.body).toMatchObject({ accountId, revision: revisionBefore + 1 });
      expect(erased.body.erasedAccountIds.sort()).toEqual([accountId, otherAccountId].sort());
      await readModelsCaughtUp(api);
    });

    it('shows no personal field in the account, its events, its history or its state as of before the erasure', async () => {
      const supervisor = await as('supervisor');
      const account = await api.get(`/accounts/${accountId}`, supervisor);
      expect(account.body.debtor).toEqual({ reference: debtor.reference, timeZone: 'America/New_York', personalDataErased: true });
      const events = await api.get(`/accounts/${accountId}/events`, supervisor);
      expect(events.body.events.at(-1)).toMatchObject({ type: 'PersonalDataErased', data: { debtorReference: debtor.reference } });
      const notice = events.body.events.find((event: { type: string }) => event.type === 'ValidationNoticeSent');
      expect(notice.data.message).toEqual({ templateId: 'validation-notice', version: 1, language: 'en', subject: '', body: '', erased: true });
      const history = await api.get(`/accounts/${accountId}/history`, supervisor);
      const asOfBefore = await api.get(`/accounts/${accountId}/state?asOf=2026-03-01T15:00:00Z`, supervisor);
      for (const response of [account, events, history, asOfBefore]) {
        expect(response.status).toBe(200);
        expect(leaks(response.body)).toEqual([]);
      }
    });

    it('leaves no personal field in clear in any table of the database: read models, snapshots, idempotency records, events, keys', async () => {
      const { rows: tables } = await sql.query<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`);
      expect(tables.map(({ name }) => name)).toEqual(
        expect.arrayContaining([
          'events',
          'idempotency_keys',
          'personal_data_keys',
          'rm_accounts',
          'rm_worklist',
          'rm_audit_trail',
          'rm_outbox',
          'rm_account_snapshots',
        ]),
      );
      for (const { name } of tables) {
        const { rows } = await sql.query(`SELECT t::text AS row FROM "${name}" t`);
        expect({ table: name, leaks: rows.flatMap(({ row }) => personal.filter((clear) => row.includes(clear))) }).toEqual({ table: name, leaks: [] });
      }
    });

    it('erases the debtor’s other accounts too, since one key sealed them all, and no one else’s', async () => {
      const other = await api.get(`/accounts/${otherAccountId}`, await as('supervisor'));
      expect(other.body.debtor.personalDataErased).toBe(true);
      expect(leaks(other.body)).toEqual([]);
      const stranger = await api.get(`/accounts/${strangerId}`, await as('supervisor'));
      expect(stranger.body.debtor.name).toBe('Grace Hopper');
    });

    it('keeps amounts and dates, and the KPIs say what they said before', async () => {
      const account = await api.get(`/accounts/${accountId}`, await as('supervisor'));
      expect(account.body.balances).toMatchObject({ total: 7_500 });
      expect(account.body.lastPayment).toMatchObject({ amount: 5_000, receivedOn: '2026-02-10' });
      expect((await api.get(kpis, await as('analyst', 'analyst-1', ['cred-1']))).body).toEqual(kpisBefore);
    });

    it('leaves the hash chain intact: it covers what is stored, and that did not change', async () => {
      const verification = await api.get(`/accounts/${accountId}/history/verify`, await as('auditor'));
      expect(verification.body).toMatchObject({ status: 'intact', events: revisionBefore + 2 });
    });

    it('cannot be undone by rebuilding the read models, even by another process', async () => {
      const config = loadConfig({ EVENT_STORE_URL: api.databaseUrl, ...testSecretsEnv });
      const elsewhere = await Backends.open(config, new SystemClock(), new RandomIdGenerator());
      try {
        // What a rebuild reads: the opening event itself, before the erasure event, has nothing left to give.
        const [opened] = await elsewhere.eventStore.readStream(`account-${accountId}`, { maxCount: 1 });
        expect(opened?.data.debtor).toEqual({ reference: debtor.reference, timeZone: 'America/New_York', personalDataErased: true });
        for (const target of readModelsFor(reportingZones(config.reportingTimeZones), await loadAccountSearchKey(config), new ScoringInForce(config).scoring))
          await rebuildProjection(elsewhere.eventStore, elsewhere.readStore, target, { batchSize: 100, batchWaitMs: 1 });
      } finally {
        await elsewhere.onApplicationShutdown();
      }
      const supervisor = await as('supervisor');
      for (const url of [`/accounts/${accountId}`, `/accounts/${accountId}/history`, `/accounts/${otherAccountId}`, '/worklist?limit=100']) {
        const response = await api.get(url, supervisor);
        expect(response.status).toBe(200);
        expect(leaks(response.body)).toEqual([]);
      }
    });

    it('answers a second erasure as done, appending nothing', async () => {
      const again = await api.post(`/accounts/${accountId}/erase-personal-data`, undefined, await as('supervisor'));
      expect(again.status).toBe(200);
      expect(again.body.revision).toBe(revisionBefore + 1);
      expect(await storedRows(accountId)).toHaveLength(revisionBefore + 2);
    });

    it('keeps the key destroyed: its row remains as the record, without the key', async () => {
      const { rows } = await sql.query('SELECT key, destroyed_at FROM personal_data_keys WHERE subject = $1', [`cred-1/${debtor.reference}`]);
      expect(rows).toEqual([{ key: null, destroyed_at: expect.any(Date) }]);
    });
  });

  it('answers 404 for an account that does not exist', async () => {
    const response = await api.post(`/accounts/${uniqueId('acc')}/erase-personal-data`, undefined, await as('supervisor'));
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('ACCOUNT_NOT_FOUND');
  });
});
