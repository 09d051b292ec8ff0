import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { as, openAccountBody, startTestApi, uniqueId, wakeScheduler, type TestApi } from './support/test-api';

/**
 * Letters through the outbox on the embedded default (no delivery settings): one to a debtor with a
 * postal address goes to DATA_DIR/letters; one to a debtor without cannot go, and is dead-lettered
 * for their creditor's supervisors to see and requeue. (The validation notice is not even queued
 * without the address it names: the letter that goes to the unaddressed debtor is the notice that
 * efforts end after a cease request.)
 */
describe('notifications the outbox gave up on', () => {
  let api: TestApi;
  let dataDir: string;
  const creditorId = uniqueId('cred');
  const unaddressed = uniqueId('acc');
  const notificationId = `${unaddressed}:efforts_terminated:account:2026-03-20T14:00:00.000Z`;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'arrears-dead-letters-'));
    api = await startTestApi({ now: '2026-03-20T14:00:00Z', env: { DATA_DIR: dataDir } });
  });
  afterAll(async () => {
    await api.close();
  });

  /** The debtor given, or the default one without a postal address. */
  const open = async (accountId: string, debtor: Record<string, unknown> = {}) => {
    const body = openAccountBody(accountId, creditorId);
    expect((await api.post('/accounts', { ...body, debtor: { ...body.debtor, address: undefined, ...debtor } })).status).toBe(201);
  };

  it('sends a letter to the postal address into the letters folder, and dead-letters one to a debtor without an address', async () => {
    const addressed = uniqueId('acc');
    await open(addressed, { address: { lines: ['12 Analytical Row'], city: 'Albany', region: 'NY', postalCode: '12207', country: 'US' } });
    expect((await api.post(`/accounts/${addressed}/validation-notice`, { channel: 'letter' })).status).toBe(201);
    await open(unaddressed);
    // The validation notice names the consumer's mailing address (1006.34(c)(2)(ii)): without one it is refused, not queued.
    expect((await api.post(`/accounts/${unaddressed}/validation-notice`, { channel: 'letter' })).body).toMatchObject({
      status: 422,
      code: 'VALIDATION_NOTICE_INCOMPLETE',
    });
    expect((await api.post(`/accounts/${unaddressed}/cease`)).status).toBe(200);
    expect((await api.post(`/accounts/${unaddressed}/cease/notices`, { kind: 'efforts_terminated', channel: 'letter' })).status).toBe(201);
    await wakeScheduler(api);
    expect(await readdir(join(dataDir, 'letters'))).toEqual([`${encodeURIComponent(`${addressed}:validation-notice`)}.letter.json`]);

    const listed = await api.get(`/notifications/dead-letters?creditorId=${creditorId}`, await as('supervisor', 'sup-1', [creditorId]));
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({
      deadLetters: [
        {
          id: notificationId,
          accountId: unaddressed,
          creditorId,
          channel: 'letter',
          template: 'efforts-terminated',
          position: expect.any(Number),
          attempts: 1,
          lastError: 'The debtor has no postal address',
          firstFailedAt: '2026-03-20T14:00:00.000Z',
          deadAt: '2026-03-20T14:00:00.000Z',
          permanent: true,
        },
      ],
      nextCursor: null,
    });
  });

  it('shows each supervisor their creditors’ dead letters only, and no one else any', async () => {
    const other = await api.get('/notifications/dead-letters', await as('supervisor', 'sup-2', ['cred-other']));
    expect(other.body).toEqual({ deadLetters: [], nextCursor: null });
    expect((await api.get('/notifications/dead-letters', await as('agent', 'agent-1', [creditorId]))).status).toBe(403);
    expect((await api.post(`/notifications/dead-letters/${notificationId}/retry`, undefined, await as('supervisor', 'sup-2', ['cred-other']))).status).toBe(
      404,
    );
  });

  it('refuses malformed parameters and ids with field-level problems', async () => {
    const supervisor = await as('supervisor', 'sup-1', [creditorId]);
    const bad = await api.get('/notifications/dead-letters?limit=0&channel=pigeon&cursor=%21', supervisor);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['channel', 'cursor', 'limit']);
    expect((await api.post('/notifications/dead-letters/no%20such/retry', undefined, supervisor)).status).toBe(400);
    expect((await api.post('/notifications/dead-letters/acc-x:nothing/retry', undefined, supervisor)).status).toBe(404);
  });

  it('requeues a dead letter for the next wake, recording who asked; one still without an address dies again, its requeue kept', async () => {
    const supervisor = await as('supervisor', 'sup-1', [creditorId]);
    const requeued = await api.post(`/notifications/dead-letters/${notificationId}/retry`, undefined, supervisor);
    expect(requeued.status).toBe(200);
    expect(requeued.body).toMatchObject({
      id: notificationId,
      attempts: 0,
      nextAttemptAt: '2026-03-20T14:00:00.000Z',
      requeues: [{ by: { id: 'sup-1', role: 'supervisor' } }],
    });
    expect((await api.get('/notifications/dead-letters', supervisor)).body.deadLetters).toEqual([]);

    api.clock.set('2026-03-20T14:05:00Z');
    await wakeScheduler(api);
    const [again] = (await api.get('/notifications/dead-letters', supervisor)).body.deadLetters;
    expect(again).toMatchObject({
      id: notificationId,
      attempts: 1,
      deadAt: '2026-03-20T14:05:00.000Z',
      requeues: [{ by: { id: 'sup-1', role: 'supervisor' } }],
    });
  });
});
