import { closedAfterAll } from './support/closed-after-all';
import { accountWithInvoice, as, readModelsCaughtUp, startTestApi, uniqueId, type TestApi } from './support/test-api';

describe('the supervisor’s team view (GET /team) and bulk reassignment (POST /team/reassign)', () => {
  const closeLater = closedAfterAll();
  let api: TestApi;
  let accounts: string[];
  const missing = uniqueId('acc');

  beforeAll(async () => {
    api = closeLater(await startTestApi(), (started) => started.close());
    accounts = [await accountWithInvoice(api), await accountWithInvoice(api), await accountWithInvoice(api)];
  });

  it('assigns each account through the assign command, answering one outcome per account', async () => {
    const [first, second] = accounts as [string, string];
    const reassigned = await api.post('/team/reassign', { accountIds: [first, missing, second], agentId: 'agent-7' }, { 'idempotency-key': 'move-1' });
    expect(reassigned.status).toBe(200);
    expect(reassigned.body).toEqual({
      agentId: 'agent-7',
      results: [
        { accountId: first, status: 200, revision: 2, position: expect.any(Number) },
        { accountId: missing, status: 404, code: 'ACCOUNT_NOT_FOUND', detail: expect.any(String) },
        { accountId: second, status: 200, revision: 2, position: expect.any(Number) },
      ],
      position: reassigned.body.results[2].position,
    });
    // The same key again: every first outcome, nothing assigned twice; without it, the rule refuses.
    const retried = await api.post('/team/reassign', { accountIds: [first, missing, second], agentId: 'agent-7' }, { 'idempotency-key': 'move-1' });
    expect(retried.body.results.map((result: { status: number }) => result.status)).toEqual([200, 404, 200]);
    const again = await api.post('/team/reassign', { accountIds: [first], agentId: 'agent-7' });
    expect(again.body.results).toEqual([{ accountId: first, status: 409, code: 'ALREADY_ASSIGNED', detail: expect.any(String) }]);
    // Read once the audit trail has the reassignment (a read does not wait unless asked).
    const history = await api.get(`/accounts/${first}/history?minPosition=${reassigned.body.position as number}`);
    expect(history.body.items.filter((entry: { type: string }) => entry.type === 'AccountAssigned')).toHaveLength(1);
  });

  it('shows per agent the claims now, assignments, and the day’s contacts and promises', async () => {
    const [first, , third] = accounts as [string, string, string];
    const agent = await as('agent', 'agent-7', ['cred-1']);
    expect((await api.post(`/worklist/${first}/claim`, {}, agent)).status).toBe(200);
    expect((await api.post(`/accounts/${first}/contacts`, { channel: 'call', direction: 'outbound', outcome: 'right_party_contact' }, agent)).status).toBe(201);
    expect((await api.post(`/accounts/${first}/promises`, { promiseId: 'p-1', amount: 5_000, currency: 'USD', dueOn: '2026-03-10' }, agent)).status).toBe(201);
    expect((await api.post('/team/reassign', { accountIds: [third], agentId: 'agent-9' })).status).toBe(200);
    await readModelsCaughtUp(api);
    const team = await api.get('/team?creditorId=cred-1');
    expect(team.status).toBe(200);
    expect(team.body).toEqual({
      creditorId: 'cred-1',
      date: '2026-03-01',
      timeZone: 'UTC',
      asOf: '2026-03-01T15:00:00.000Z',
      agents: [
        { agentId: 'agent-7', claimedNow: 1, assigned: 2, contacts: 1, promisesTaken: 1, promisesKept: 0, promisesBroken: 0 },
        { agentId: 'agent-9', claimedNow: 0, assigned: 1, contacts: 0, promisesTaken: 0, promisesKept: 0, promisesBroken: 0 },
      ],
    });
    const yesterday = await api.get('/team?creditorId=cred-1&date=2026-02-28');
    expect(yesterday.body.agents.map((line: { contacts: number }) => line.contacts)).toEqual([0, 0]);
  });

  it('shows an agent named `constructor` like any other: claims now, and nothing assigned or done', async () => {
    const account = await accountWithInvoice(api);
    expect((await api.post(`/worklist/${account}/claim`, {}, await as('agent', 'constructor', ['cred-1']))).status).toBe(200);
    await readModelsCaughtUp(api);
    const team = await api.get('/team?creditorId=cred-1');
    expect(team.status).toBe(200);
    expect(team.body.agents).toContainEqual({
      agentId: 'constructor',
      claimedNow: 1,
      assigned: 0,
      contacts: 0,
      promisesTaken: 0,
      promisesKept: 0,
      promisesBroken: 0,
    });
  });

  it('refuses malformed input field by field, other creditors and other roles', async () => {
    const read = await api.get('/team?date=2026-02-30');
    expect(read.status).toBe(400);
    expect(read.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['creditorId', 'date']);
    const tooMany = Array.from({ length: 101 }, (_, i) => `acc-${i}`);
    for (const accountIds of [[], tooMany, ['acc-1', 'acc-1'], ['not an id']]) {
      const refused = await api.post('/team/reassign', { accountIds, agentId: 'agent-7' });
      expect(refused.status).toBe(400);
      expect(refused.body.errors.map((error: { field: string }) => error.field)).toEqual(['accountIds']);
    }
    expect((await api.get('/team?creditorId=cred-1', await as('supervisor', 'sup-2', ['cred-2']))).status).toBe(403);
    expect((await api.get('/team?creditorId=cred-1', await as('agent', 'agent-7', ['cred-1']))).status).toBe(403);
    expect((await api.post('/team/reassign', { accountIds: ['acc-1'], agentId: 'agent-7' }, await as('agent', 'agent-7', ['cred-1']))).status).toBe(403);
  });
});
