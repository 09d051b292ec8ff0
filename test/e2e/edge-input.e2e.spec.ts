import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { EVENT_STORE, type EventStore } from '@arrears/event-store';
import { maxJsonDepth } from '../../apps/api/src/http/edge-input';
import { accountWithInvoice, as, invoiceBody, openAccountBody, paymentBody, startTestApi, uniqueId, type ParsedJson, type TestApi } from './support/test-api';

/**
 * What the world sends: strings no database can store, JSON deep enough to exhaust a stack, ids that
 * Object.prototype also knows, amounts past 2^53 and requests Node's HTTP parser refuses. Each is a
 * 4xx problem, and none writes anything.
 */
describe('the HTTP edge under hostile input (e2e)', () => {
  let api: TestApi;
  let store: EventStore;
  beforeAll(async () => {
    api = await startTestApi();
    store = api.app.get<symbol, EventStore>(EVENT_STORE);
  });
  afterAll(async () => {
    await api.close();
  });

  /** Sends the request and expects a 400 naming `field`, with nothing appended. */
  async function refusedNaming(field: string, send: () => Promise<{ status: number; headers: Record<string, unknown>; body: ParsedJson }>): Promise<void> {
    const before = await store.headPosition();
    const response = await send();
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field })] });
    expect(await store.headPosition()).toBe(before);
  }

  describe('strings that cannot be stored', () => {
    it('refuses a NUL byte in a debtor name, naming the field', async () => {
      const body = openAccountBody(uniqueId('acc'));
      await refusedNaming('debtor.name', () => api.post('/accounts', { ...body, debtor: { ...body.debtor, name: 'Ada\u0000Lovelace' } }));
    });
    it('refuses a lone surrogate in an e-mail address (no URIError from the validator)', async () => {
      const body = openAccountBody(uniqueId('acc'));
      await refusedNaming('debtor.email', () => api.post('/accounts', { ...body, debtor: { ...body.debtor, email: 'ada\ud800@example.com' } }));
    });
    it('refuses a lone surrogate in free text', async () => {
      const accountId = await accountWithInvoice(api);
      await refusedNaming('text', () => api.post(`/accounts/${accountId}/notes`, { text: 'called \udc00 back' }));
    });
    it('refuses a NUL in a property name', async () => {
      const accountId = await accountWithInvoice(api);
      await refusedNaming('te\\u0000xt', () => api.post(`/accounts/${accountId}/notes`, '{"te\\u0000xt":"hello"}'));
    });
    it('refuses a NUL in a path id before the access check looks the account up', async () => {
      await refusedNaming('accountId', () => api.get('/accounts/acc%00-1/history'));
      await refusedNaming('accountId', () => api.post('/accounts/acc%00-1/notes', { text: 'x' }));
    });
    it('refuses a NUL in a query parameter and in a cursor', async () => {
      await refusedNaming('minPosition', () => api.get('/worklist?minPosition=1%00'));
      await refusedNaming('cursor', () => api.get('/worklist?cursor=abc%00'));
    });
    it('refuses a well-formed cursor whose sort key holds a NUL or a lone surrogate', async () => {
      const supervisor = await as('supervisor', 'sup-1', '*');
      for (const [list, key] of [
        ['/worklist', '[1,"\\u0000"]'],
        ['/worklist', '[1,"\\ud800"]'],
        ['/notifications/dead-letters', '["\\u0000","x"]'],
        ['/notifications/dead-letters', '["\\ud800","x"]'],
      ] as const) {
        const response = await api.get(`${list}?cursor=${Buffer.from(key).toString('base64url')}`, supervisor);
        expect({ list, key, status: response.status, body: response.body }).toMatchObject({
          list,
          key,
          status: 400,
          body: { code: 'INVALID_CURSOR', field: 'cursor' },
        });
      }
    });
  });

  describe('JSON nested too deep', () => {
    const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    it.each([5_000, 10_000, 100_000])('refuses %i levels with 400 JSON_TOO_DEEP, before parsing', async (depth) => {
      const accountId = await accountWithInvoice(api);
      const response = await api.post(`/accounts/${accountId}/notes`, nested(depth), { 'idempotency-key': uniqueId('deep') });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'JSON_TOO_DEEP', maxDepth: maxJsonDepth });
    });
    it(`parses ${maxJsonDepth} levels and refuses ${maxJsonDepth + 1}, brackets inside strings not counted`, async () => {
      const accountId = await accountWithInvoice(api);
      const withinLimit = await api.post(`/accounts/${accountId}/notes`, `{"text":"[[[[{{{{","x":${nested(maxJsonDepth - 1)}}`);
      expect(withinLimit.body.code).toBe('VALIDATION_FAILED'); // parsed; `x` is not a field
      const pastLimit = await api.post(`/accounts/${accountId}/notes`, `{"text":"]]]]","x":${nested(maxJsonDepth)}}`);
      expect(pastLimit.body.code).toBe('JSON_TOO_DEEP');
    });
  });

  describe('ids Object.prototype also has', () => {
    it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('%s is an id like any other, in paths and bodies', async (id) => {
      const accountId = id;
      const system = await as('system', 'billing', ['cred-proto']);
      const unknown = await api.get(`/accounts/${accountId}`, await as('agent', 'agent-1', ['cred-proto']));
      expect(unknown.status).toBe(404);
      const opened = await api.post('/accounts', openAccountBody(accountId, 'cred-proto'), system);
      expect(opened.status).toBe(201);
      expect((await api.post(`/accounts/${accountId}/invoices`, invoiceBody(id), system)).status).toBe(201);
      const again = await api.post(`/accounts/${accountId}/invoices`, invoiceBody(id), system);
      expect(again).toMatchObject({ status: 409, body: { code: 'INVOICE_ALREADY_ISSUED' } });
      expect((await api.post(`/accounts/${accountId}/payments`, paymentBody(id, 100), system)).status).toBe(201);
      const account = await api.get(`/accounts/${accountId}?minPosition=${opened.body.position}`, await as('agent', 'agent-1', ['cred-proto']));
      expect(account.status).toBe(200);
    });
  });

  it('refuses amounts whose sum would pass 2^53 with 422, before any balance loses precision', async () => {
    const accountId = uniqueId('acc');
    expect((await api.post('/accounts', openAccountBody(accountId))).status).toBe(201);
    expect((await api.post(`/accounts/${accountId}/invoices`, invoiceBody('inv-1', { amount: Number.MAX_SAFE_INTEGER }))).status).toBe(201);
    const second = await api.post(`/accounts/${accountId}/invoices`, invoiceBody('inv-2', { amount: 2 }));
    expect(second).toMatchObject({ status: 422, body: { code: 'AMOUNT_TOO_LARGE' } });
    const beyond = await api.post(
      `/accounts/${accountId}/invoices`,
      `{"invoiceId":"inv-3","amount":90071992547409930,"currency":"USD","issuedOn":"2026-01-01","dueOn":"2026-01-31"}`,
    );
    expect(beyond.status).toBe(400);
  });

  it('refuses a percentage JSON writes in exponent form as a bad field, not a validator crash', async () => {
    const accountId = await accountWithInvoice(api);
    const terms = { graceDays: 0, earlyPaymentDiscount: { percent: -6e-323, withinDays: 10 } };
    await refusedNaming('terms.earlyPaymentDiscount.percent', () => api.post(`/accounts/${accountId}/invoices`, invoiceBody('inv-2', { terms })));
  });

  describe('malformed HTTP, as the socket sends it', () => {
    let port: number;
    beforeAll(async () => {
      await api.app.listen({ port: 0, host: '127.0.0.1' });
      port = (api.app.getHttpServer().address() as AddressInfo).port;
    });

    /** Writes raw bytes and reads the whole answer until the server closes. */
    const raw = (request: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.end(request));
        let answer = '';
        socket.setEncoding('latin1').on('data', (chunk: string) => {
          answer += chunk;
        });
        socket
          .on('close', () => {
            resolve(answer);
          })
          .on('error', reject);
      });

    it.each([
      ['a bare CR in a header', 'GET /health HTTP/1.1\r\nHost: a\r\nX-A: b\rc\r\n\r\n', 400],
      ['a NUL in a header', 'GET /health HTTP/1.1\r\nHost: a\r\nX-A: b\u0000c\r\n\r\n', 400],
      ['an obs-folded header', 'GET /health HTTP/1.1\r\nHost: a\r\nX-A: b\r\n  c\r\n\r\n', 400],
      ['two Content-Lengths', 'POST /accounts HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n{}', 400],
      ['a header past the size limit', `GET /health HTTP/1.1\r\nHost: a\r\nX-A: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
    ])('answers %s with a problem', async (_case, request, status) => {
      const answer = await raw(request);
      expect(answer.split('\r\n')[0]).toBe(`HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}`);
      expect(answer).toMatch(/\r\nContent-Type: application\/problem\+json\r\n/);
      expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ status, code: expect.any(String) });
    });
  });
});
