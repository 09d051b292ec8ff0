import { PostgresEventStore, type NewEvent } from '@arrears/event-store';
import { PersonalDataVault } from '@arrears/personal-data';
import { PARKED_EVENT_DECISIONS } from '@arrears/projections';
import { READ_STORE, type ReadStore } from '@arrears/read-store';
import { newEvent } from '@arrears/testing';
import { runBuilt } from './support/built-service';
import { appendUnopenable } from './support/unopenable-events';
import { as, invoiceBody, openAccountBody, startTestApi, testSecretsEnv, uniqueId, type TestApi } from './support/test-api';

/**
 * An event the HTTP edge would refuse, written straight into the event store: an account opened for a
 * debtor whose name holds a NUL. Sealed in the log, it is opened on the way to the read models, whose
 * JSONB cannot keep it.
 */
async function appendPoison(api: TestApi, events: PostgresEventStore, creditorId: string): Promise<{ accountId: string; position: bigint; event: NewEvent }> {
  const accountId = uniqueId('acc');
  const debtor = { reference: 'D-NUL', name: 'Ada\u0000Lovelace', timeZone: 'America/New_York' };
  const sealed = await api.app.get(PersonalDataVault).seal({ accountId, creditorId, debtor });
  const opened = newEvent('AccountOpened', sealed);
  const event = { ...opened, metadata: { ...opened.metadata, creditorId } };
  const { position } = await events.append(`account-${accountId}`, [event], { expectedRevision: 'no_stream' });
  return { accountId, position, event };
}

/** The built `npm run parked` (run `npm run build` first), on the test service's database and keys. */
const parkedCli = (databaseUrl: string, ...args: string[]) =>
  runBuilt('dist/apps/projector/src/parked.js', args, { EVENT_STORE_URL: databaseUrl, LOG_LEVEL: 'error', ...testSecretsEnv });

describe('a poison event on the read side', () => {
  let api: TestApi;
  let events: PostgresEventStore;
  let poison: Awaited<ReturnType<typeof appendPoison>>;
  let parkedId: string;
  beforeAll(async () => {
    api = await startTestApi();
    events = await PostgresEventStore.connect({ connectionString: api.databaseUrl });
    poison = await appendPoison(api, events, 'cred-poisoned');
    parkedId = `account:${poison.position}`;
  });
  afterAll(async () => {
    await events.close();
    await api.close();
  });

  it('holds back no other creditor: their reads with minPosition answer within the read wait', async () => {
    const accountId = uniqueId('acc');
    const opened = await api.post('/accounts', openAccountBody(accountId, 'cred-healthy'));
    expect(opened.status).toBe(201);
    expect(opened.body.position).toBeGreaterThan(Number(poison.position));
    const started = Date.now();
    const read = await api.get(`/accounts/${accountId}?minPosition=${opened.body.position}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ accountId, creditorId: 'cred-healthy' });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('is parked, and /health says the projection is degraded and lists it, still answering 200', async () => {
    const health = await api.get('/health', { authorization: '' });
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('degraded');
    const account = health.body.readStore.projections.find((projection: { name: string }) => projection.name === 'account');
    expect(account).toMatchObject({
      status: 'degraded',
      parked: 1,
      parkedEvents: [
        {
          id: parkedId,
          position: Number(poison.position),
          eventId: poison.event.id,
          eventType: 'AccountOpened',
          streamId: `account-${poison.accountId}`,
          error: expect.stringMatching(/unicode/i),
        },
      ],
    });
    expect((await api.get(`/accounts/${poison.accountId}`)).status).toBe(404);
  });

  it('lists parked events to supervisors of their creditor only', async () => {
    const listed = await api.get('/parked-events?projection=account', await as('supervisor', 'sup-all'));
    expect(listed.status).toBe(200);
    expect(listed.body.parkedEvents).toEqual([
      expect.objectContaining({ id: parkedId, status: 'parked', creditorId: 'cred-poisoned', eventType: 'AccountOpened' }),
    ]);
    const otherSupervisor = await as('supervisor', 'sup-other', ['cred-healthy']);
    expect((await api.get('/parked-events', otherSupervisor)).body.parkedEvents).toEqual([]);
    expect((await api.post(`/parked-events/${parkedId}/retry`, undefined, otherSupervisor)).status).toBe(404);
    expect((await api.get('/parked-events', await as('agent'))).status).toBe(403);
  });

  it('stays parked, with the new error, when a retry fails again; a skip resolves it; both are on record', async () => {
    const retried = await api.post(`/parked-events/${parkedId}/retry`, undefined, await as('supervisor', 'sup-1'));
    const retriedAt = api.clock.now().toISOString();
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({
      id: parkedId,
      status: 'parked',
      error: expect.stringMatching(/unicode/i),
      decisions: [{ decision: 'retried', outcome: 'failed', by: { id: 'sup-1', role: 'supervisor' }, at: retriedAt, error: expect.stringMatching(/unicode/i) }],
    });
    expect((await api.get(`/accounts/${poison.accountId}`)).status).toBe(404);

    api.clock.advance(60_000);
    const skipped = await api.post(`/parked-events/${parkedId}/skip`, undefined, await as('supervisor', 'sup-2'));
    const skippedAt = api.clock.now().toISOString();
    expect(skipped.status).toBe(200);
    expect(skipped.body).toMatchObject({ id: parkedId, status: 'resolved', resolution: 'skipped' });
    expect(skipped.body.decisions).toEqual([
      expect.objectContaining({ decision: 'retried', outcome: 'failed', by: { id: 'sup-1', role: 'supervisor' } }),
      expect.objectContaining({ decision: 'skipped', outcome: 'skipped', by: { id: 'sup-2', role: 'supervisor' }, at: skippedAt }),
    ]);
    const again = await api.post(`/parked-events/${parkedId}/skip`, undefined, await as('supervisor', 'sup-2'));
    expect(again).toMatchObject({ status: 409, body: { code: 'PARKED_EVENT_RESOLVED' } });

    const records = await api.app
      .get<symbol, ReadStore>(READ_STORE)
      .find(PARKED_EVENT_DECISIONS, { where: [{ field: 'parkedEventId', op: 'eq', value: parkedId }] });
    expect(records.sort((a, b) => String(a.at).localeCompare(String(b.at)))).toEqual([
      expect.objectContaining({ decision: 'retried', outcome: 'failed', by: { id: 'sup-1', role: 'supervisor' }, at: retriedAt }),
      expect.objectContaining({ decision: 'skipped', outcome: 'skipped', by: { id: 'sup-2', role: 'supervisor' }, at: skippedAt }),
    ]);
    const health = await api.get('/health', { authorization: '' });
    expect(health.body.readStore.projections.find((projection: { name: string }) => projection.name === 'account')).toMatchObject({
      status: 'ok',
      parked: 0,
      parkedEvents: [],
    });
    expect((await api.get('/parked-events?status=resolved&projection=account', await as('supervisor'))).body.parkedEvents).toEqual([
      expect.objectContaining({ id: parkedId, resolution: 'skipped' }),
    ]);
  });

  it('is listed, retried and skipped from the command line too, the decisions recorded as the operator’s', async () => {
    const another = await appendPoison(api, events, 'cred-poisoned');
    const id = `account:${another.position}`;
    const parkedIds = async () =>
      (await api.get('/parked-events?projection=account', await as('supervisor'))).body.parkedEvents.map((letter: { id: string }) => letter.id);
    for (const deadline = Date.now() + 10_000; !(await parkedIds()).includes(id) && Date.now() < deadline;)
      await new Promise((resolve) => setTimeout(resolve, 100));

    const listed = await parkedCli(api.databaseUrl, 'list');
    expect(listed.code).toBe(0);
    expect(
      listed.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toContainEqual(expect.objectContaining({ id, status: 'parked', eventType: 'AccountOpened' }));
    const retried = await parkedCli(api.databaseUrl, 'retry', id, '--by', 'ops-1');
    expect(retried.code).toBe(0);
    expect(JSON.parse(retried.stdout)).toMatchObject({
      id,
      status: 'parked',
      decisions: [{ decision: 'retried', outcome: 'failed', by: { id: 'ops-1', role: 'supervisor' } }],
    });
    const skipped = await parkedCli(api.databaseUrl, 'skip', id, '--by', 'ops-1');
    expect(JSON.parse(skipped.stdout)).toMatchObject({ id, status: 'resolved', resolution: 'skipped' });
    expect(await parkedCli(api.databaseUrl, 'skip', id)).toMatchObject({ code: 1, stderr: expect.stringContaining('PARKED_EVENT_RESOLVED') });
    expect(await parkedCli(api.databaseUrl, 'undo', id)).toMatchObject({ code: 2, stderr: expect.stringContaining('Usage: npm run parked') });
    const records = await api.app.get<symbol, ReadStore>(READ_STORE).find(PARKED_EVENT_DECISIONS, { where: [{ field: 'parkedEventId', op: 'eq', value: id }] });
    expect(records).toHaveLength(2);
    expect(records.every((record) => (record.by as { id: string }).id === 'ops-1')).toBe(true);
  });
});

describe('an event whose sealed data cannot be opened', () => {
  let api: TestApi;
  let events: PostgresEventStore;
  beforeAll(async () => {
    api = await startTestApi();
    events = await PostgresEventStore.connect({ connectionString: api.databaseUrl });
  });
  afterAll(async () => {
    await events.close();
    await api.close();
  });

  it('is parked alone: other creditors’ reads answer within the read wait, and /health lists it', async () => {
    const positions = (await appendUnopenable(api, events, 'cred-unopenable')).map(({ position }) => position);
    const accountId = uniqueId('acc');
    const opened = await api.post('/accounts', openAccountBody(accountId, 'cred-healthy'));
    expect(opened.status).toBe(201);
    const read = await api.get(`/accounts/${accountId}?minPosition=${opened.body.position}`);
    expect(read.status).toBe(200);

    const health = await api.get('/health', { authorization: '' });
    expect(health.body.status).toBe('degraded');
    const account = health.body.readStore.projections.find((projection: { name: string }) => projection.name === 'account');
    expect(account.parkedEvents).toEqual(
      positions.map((position) =>
        expect.objectContaining({ position: Number(position), eventType: 'AccountOpened', error: expect.stringMatching(/cannot be opened/) }),
      ),
    );
  });

  it('refuses an import’s lines on it, not the whole file: HISTORY_UNREADABLE to its creditor, as absent to another', async () => {
    const [, tampered] = await appendUnopenable(api, events, 'cred-unopenable');
    const { accountId } = tampered as NonNullable<typeof tampered>;
    const healthy = uniqueId('acc');
    const lines = [
      { type: 'note', accountId, text: 'Imported.', at: '2026-02-01T10:00:00Z' },
      { type: 'account', accountId: healthy, creditorId: 'cred-unopenable', debtorReference: 'D-2', timeZone: 'UTC', openedOn: '2026-01-01' },
    ];
    const imported = async (headers: Record<string, string>, body = lines) => {
      const started = await api.post('/imports', body.map((line) => JSON.stringify(line)).join('\n'), { 'content-type': 'application/x-ndjson', ...headers });
      expect(started.status).toBe(202);
      for (;;) {
        const progress = await api.get(`/imports/${started.body.importId as string}`, headers);
        if (progress.body.status !== 'running') return progress.body as { status: string; linesApplied: number; errors: { line: number; code: string }[] };
        await new Promise((done) => setTimeout(done, 20));
      }
    };
    const ours = await imported(await as('supervisor', 'sup-u', ['cred-unopenable']));
    expect(ours).toMatchObject({ status: 'done', linesApplied: 1, errors: [{ line: 1, code: 'HISTORY_UNREADABLE' }] });
    // Another creditor's token: as for an absent account, save that opening its id is refused as opening one's own
    // twice, and an opening for a creditor not theirs is refused for that first.
    const opening = { ...lines[1], accountId };
    const theirs = await imported(await as('supervisor', 'sup-o', ['cred-other']), [
      lines[0],
      { ...opening, creditorId: 'cred-other' },
      opening,
    ] as typeof lines);
    expect(theirs).toMatchObject({ status: 'done', linesApplied: 0 });
    expect(theirs.errors.map(({ code }) => code)).toEqual(['ACCOUNT_NOT_FOUND', 'ACCOUNT_ALREADY_EXISTS', 'CREDITOR_NOT_ALLOWED']);
  });

  it('answers a command or a read of its history from the log 409 HISTORY_UNREADABLE, never a 500', async () => {
    const [bare, tampered] = await appendUnopenable(api, events, 'cred-unopenable');
    for (const { accountId } of [bare, tampered].map((written) => written as NonNullable<typeof written>)) {
      const refused = await api.post(`/accounts/${accountId}/invoices`, invoiceBody('inv-1'));
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('HISTORY_UNREADABLE');
      // The position is logged for a person, not told to a caller who may be the debtor.
      expect(refused.body.position).toBeUndefined();
      for (const read of ['events', `state?asOf=${new Date().toISOString()}`]) {
        const history = await api.get(`/accounts/${accountId}/${read}`);
        expect(history.status).toBe(409);
        expect(history.body.code).toBe('HISTORY_UNREADABLE');
      }
      // The read models parked it, so the audit trail and the account read have no such account.
      expect((await api.get(`/accounts/${accountId}/history`)).status).toBe(404);
    }
  });
});
