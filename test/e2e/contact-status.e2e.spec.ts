import { closedAfterAll } from './support/closed-after-all';
import { accountWithInvoice, as, readModelsCaughtUp, startTestApi, type TestApi } from './support/test-api';

describe('may I call now? (GET /accounts/:accountId/contact-status)', () => {
  const closeLater = closedAfterAll();
  let api: TestApi;
  let accountId: string;
  const status = async (query = '') => api.get(`/accounts/${accountId}/contact-status${query}`, await as('agent', 'agent-7', ['cred-1']));

  beforeAll(async () => {
    api = closeLater(await startTestApi({ now: '2026-03-01T15:00:00Z' }), (started) => started.close());
    accountId = await accountWithInvoice(api);
    await readModelsCaughtUp(api);
  });

  it('says yes at 10:00 in the debtor’s zone', async () => {
    const answer = await status();
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      accountId,
      channel: 'call',
      asOf: '2026-03-01T15:00:00.000Z',
      allowedNow: true,
      refusals: [],
      nextAllowedAt: '2026-03-01T15:00:00.000Z',
      nextAllowedLocal: { timeZone: 'America/New_York', date: '2026-03-01', time: '10:00' },
    });
  });

  it('says no at 22:00 there, with the rule, and when: 08:00 the next morning, as an instant and on the debtor’s clock', async () => {
    api.clock.set('2026-03-02T03:00:00Z');
    const answer = await status();
    expect(answer.body).toMatchObject({
      allowedNow: false,
      refusals: [{ code: 'OUTSIDE_CONTACT_HOURS', message: expect.stringContaining('America/New_York'), allowedFrom: '2026-03-02T13:00:00.000Z' }],
      nextAllowedAt: '2026-03-02T13:00:00.000Z',
      nextAllowedLocal: { timeZone: 'America/New_York', date: '2026-03-02', time: '08:00' },
    });
    // A letter is not bound by the hours.
    expect((await status('?channel=letter')).body).toMatchObject({ channel: 'letter', allowedNow: true, refusals: [] });
    api.clock.set('2026-03-01T15:00:00Z');
  });

  it('after a conversation, no call until the 7th day, and never once the debtor asked that contact cease', async () => {
    // Sent first: without it, no contact at all is allowed once the 5 days after the first one are over.
    expect((await api.post(`/accounts/${accountId}/validation-notice`, { channel: 'letter' })).status).toBe(201);
    expect((await api.post(`/accounts/${accountId}/contacts`, { channel: 'call', direction: 'outbound', outcome: 'right_party_contact' })).status).toBe(201);
    await readModelsCaughtUp(api);
    expect((await status()).body).toMatchObject({
      allowedNow: false,
      refusals: [{ code: 'RECENT_CONVERSATION' }],
      nextAllowedLocal: { date: '2026-03-08', time: '08:00' },
    });
    expect((await api.post(`/accounts/${accountId}/cease`)).status).toBe(200);
    await readModelsCaughtUp(api);
    expect((await status()).body).toMatchObject({
      allowedNow: false,
      refusals: [{ code: 'CEASE_REQUESTED', allowedFrom: null }, { code: 'RECENT_CONVERSATION' }],
      nextAllowedAt: null,
      nextAllowedLocal: null,
    });
  });

  it('refuses an unknown channel, and answers 404 for an account of another creditor', async () => {
    const refused = await status('?channel=pigeon');
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((error: { field: string }) => error.field)).toEqual(['channel']);
    expect((await api.get(`/accounts/${accountId}/contact-status`, await as('agent', 'agent-8', ['cred-2']))).status).toBe(404);
  });
});
