import { Writable } from 'node:stream';
import { accountWithInvoice, as, openAccountBody, readModelsCaughtUp, startTestApi, uniqueId, wakeScheduler, type TestApi } from './support/test-api';

/** A log destination that keeps each JSON line, parsed. */
function logLines(): { stream: Writable; lines: Record<string, unknown>[]; raw: string[] } {
  const raw: string[] = [];
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        raw.push(line);
        lines.push(JSON.parse(line));
      }
      done();
    },
  });
  return { stream, lines, raw };
}

describe('operability: logs, metrics, health', () => {
  let api: TestApi;
  const logs = logLines();
  const scrapeToken = 'scrape-token-of-at-least-thirty-two-characters';
  beforeAll(async () => {
    api = await startTestApi({ env: { LOG_LEVEL: 'info', METRICS_TOKEN: scrapeToken }, logDestination: logs.stream });
  });
  afterAll(async () => {
    await api.close();
  });

  describe('structured logs', () => {
    it('writes every request as a JSON line with its correlation id, actor and route, and echoes the id', async () => {
      const accountId = uniqueId('acc');
      const opened = await api.post('/accounts', openAccountBody(accountId), { ...(await as('system', 'billing-7')), 'x-correlation-id': 'corr-logs-1' });
      expect(opened.status).toBe(201);
      expect(opened.headers['x-correlation-id']).toBe('corr-logs-1');
      const line = logs.lines.find((entry) => entry.correlationId === 'corr-logs-1' && entry.res);
      expect(line).toMatchObject({
        level: 'info',
        service: 'arrears',
        correlationId: 'corr-logs-1',
        actor: { id: 'billing-7', role: 'system' },
        route: 'POST /accounts',
        req: { method: 'POST', url: '/accounts' },
        res: { statusCode: 201 },
        responseTime: expect.any(Number),
      });
      const events = await api.get(`/accounts/${accountId}/events`);
      expect(events.body.events[0].metadata.correlationId).toBe('corr-logs-1');
    });

    it('logs a refusal as a warning, and makes up a correlation id when the client gives none', async () => {
      const refused = await api.get('/worklist', { authorization: '' });
      expect(refused.status).toBe(401);
      const id = refused.headers['x-correlation-id'];
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(logs.lines.find((entry) => entry.correlationId === id && entry.res)).toMatchObject({
        level: 'warn',
        route: 'GET /worklist',
        res: { statusCode: 401 },
      });
    });

    it('never writes a token, a header or personal data', async () => {
      const token = await as('agent', 'agent-7');
      await accountWithInvoice(api);
      await api.get('/worklist', token);
      expect(logs.raw.length).toBeGreaterThan(5);
      for (const secret of [token.authorization!.slice('Bearer '.length), 'Bearer', 'Ada Lovelace', 'ada@example.com', '+15551234567', 'authorization']) {
        expect(logs.raw.filter((line) => line.includes(secret))).toEqual([]);
      }
    });
  });

  describe('/metrics', () => {
    it('asks for a token of a role allowed to scrape', async () => {
      expect((await api.get('/metrics', { authorization: '' })).status).toBe(401);
      expect((await api.get('/metrics', await as('agent'))).status).toBe(403);
    });

    it('lets Prometheus scrape with the configured static token, and only there', async () => {
      expect((await api.get('/metrics', { authorization: `Bearer ${scrapeToken}` })).status).toBe(200);
      expect((await api.get('/metrics', { authorization: `Bearer ${scrapeToken}x` })).status).toBe(401);
      expect((await api.get('/worklist', { authorization: `Bearer ${scrapeToken}` })).status).toBe(401);
    });

    it('shows HTTP latency by route and status, command outcomes, append latency, projection lag and scheduler steps', async () => {
      const accountId = await accountWithInvoice(api);
      expect(
        (await api.post(`/accounts/${accountId}/payments`, { paymentId: 'p-1', amount: 1, currency: 'EUR', receivedOn: '2026-02-10', method: 'card' })).status,
      ).toBe(422);
      await wakeScheduler(api); // the backdated invoice is past due: the timeline takes its steps
      await readModelsCaughtUp(api);
      expect((await api.get(`/accounts/${accountId}`)).status).toBe(200);
      const scrape = await api.get('/metrics', await as('supervisor'));
      expect(scrape.status).toBe(200);
      expect(scrape.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      const text: string = scrape.body;
      expect(text).toMatch(/arrears_http_request_duration_seconds_bucket\{le="[^"]+",method="GET",route="\/accounts\/:accountId",status="200"\} [1-9]/);
      expect(text).toMatch(/arrears_commands_total\{command="OpenAccount",outcome="applied"\} [1-9]/);
      expect(text).toMatch(/arrears_commands_total\{command="RecordPayment",outcome="refused"\} [1-9]/);
      expect(text).toMatch(/arrears_event_append_duration_seconds_count\{outcome="appended"\} [1-9]/);
      expect(text).toMatch(/arrears_scheduler_steps_total\{outcome="taken",kind="[a-z_]+"\} [1-9]/);
      for (const projection of ['account', 'account_search', 'audit_trail', 'outbox', 'team_activity']) {
        expect(text).toContain(`arrears_projection_lag_events{projection="${projection}"} 0`);
      }
      expect(text).toContain('arrears_nodejs_eventloop_lag_seconds');
    });
  });

  describe('/health', () => {
    it('answers liveness without touching a store, and readiness with the stores', async () => {
      const live = await api.get('/health/live', { authorization: '' });
      expect(live).toMatchObject({ status: 200, body: { status: 'ok', uptimeSeconds: expect.any(Number) } });
      const ready = await api.get('/health/ready', { authorization: '' });
      expect(ready).toMatchObject({ status: 200, body: { status: 'ok', eventStore: { backend: 'postgres' }, readStore: { backend: 'postgres' } } });
    });
  });
});
