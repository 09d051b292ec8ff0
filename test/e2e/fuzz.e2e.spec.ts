import fc from 'fast-check';
import { EVENT_STORE, type EventStore } from '@arrears/event-store';
import { accessMatrix, publicRoute } from '../../apps/api/src/auth/access-matrix';
import { accountWithInvoice, as, startTestApi, type TestApi } from './support/test-api';

/** Field names the API reads somewhere, so random bodies often reach validation and the domain. */
const fields = ['accountId', 'creditorId', 'debtor', 'invoiceId', 'paymentId', 'amount', 'currency', 'issuedOn', 'dueOn', 'receivedOn', 'method', 'terms', 'planId', 'installments', 'channel', 'direction', 'outcome', 'at', 'text', 'agentId', 'promiseId', 'disputeId', 'reason', 'holdId', 'until', 'settlementId', 'agencyId', 'minutes', '__proto__', 'constructor'];
const queryFields = ['limit', 'after', 'minPosition', 'asOf', 'creditorId', 'from', 'to', 'contactableNow', 'agentId'];

const oddStrings = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '..', '%00', '%ZZ', '\u0000', '😀', 'a'.repeat(300), '-1', '1e309', 'NaN', 'null', '[]', '{}', '2026-02-30', '2026-13-01T00:00:00Z'),
);
const values = fc.oneof(fc.jsonValue({ maxDepth: 3 }), oddStrings, fc.integer(), fc.double(), fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, -0, 1e21));
const bodies = fc.oneof(
  fc.constant(undefined),
  { weight: 4, arbitrary: fc.dictionary(fc.constantFrom(...fields), values, { maxKeys: 8 }).map((body) => JSON.stringify(body)) },
  fc.jsonValue({ maxDepth: 4 }).map((body) => JSON.stringify(body)),
  oddStrings, // mostly not JSON at all
  fc.constantFrom('{"amount":', '{"__proto__":{"polluted":true}}', '{"a":'.repeat(200), '[' .repeat(5000), '{"debtor":{"reference":"x","timeZone":"Mars/Base"}}'),
);
const contentTypes = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8') },
  { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', '', 'nonsense') },
);
/** Now and then: mostly the header is absent (or the token valid), so requests get past it. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>, weight = 1) => fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight, arbitrary });

/**
 * Random and malformed requests to every route: ids, bodies, query strings and headers. Whatever
 * arrives, the answer is never a 5xx, a refusal is always problem details, and a refused request
 * leaves the event store as it was.
 */
describe('fuzzing every route (fast-check)', () => {
  let api: TestApi;
  let store: EventStore;
  let accountId: string;
  beforeAll(async () => {
    api = await startTestApi();
    store = api.app.get<symbol, EventStore>(EVENT_STORE);
    accountId = await accountWithInvoice(api);
  });
  afterAll(async () => {
    await api.close();
  });

  it.each(Object.entries(accessMatrix))('%s', async (route, access) => {
    const [method, pattern] = route.split(' ') as ['GET' | 'POST', string];
    const roles = access === publicRoute ? ['agent' as const] : access;
    const ids = fc.oneof(fc.constant(accountId), fc.constantFrom('inv-1', 'call', 'sms', '1'), oddStrings.filter((id) => id !== ''));
    const requests = fc.record({
      params: fc.array(ids, { minLength: 4, maxLength: 4 }),
      query: fc.dictionary(fc.constantFrom(...queryFields), oddStrings, { maxKeys: 3 }),
      body: bodies,
      contentType: contentTypes,
      role: fc.constantFrom(...roles),
      badToken: sometimes(oddStrings),
      idempotencyKey: sometimes(oddStrings, 2),
      ifMatch: sometimes(oddStrings),
    });
    await fc.assert(
      fc.asyncProperty(requests, async (request) => {
        let param = 0;
        const path = pattern.replace(/:[A-Za-z]+/g, () => encodeURIComponent(request.params[param++] as string));
        const query = new URLSearchParams(request.query).toString();
        const headers: Record<string, string> = {
          authorization: request.badToken === null ? (await as(request.role)).authorization! : `Bearer ${request.badToken}`,
          ...(request.contentType ? { 'content-type': request.contentType } : {}),
          ...(request.idempotencyKey === null ? {} : { 'idempotency-key': request.idempotencyKey }),
          ...(request.ifMatch === null ? {} : { 'if-match': request.ifMatch }),
        };
        const before = await store.headPosition();
        const response = await api.app.inject({ method, url: query ? `${path}?${query}` : path, headers: sanitized(headers), ...(request.body === undefined ? {} : { payload: request.body }) });
        expect(response.statusCode).toBeLessThan(500);
        if (response.statusCode >= 400) {
          expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(response.json()).toMatchObject({ type: expect.any(String), title: expect.any(String), status: response.statusCode, code: expect.any(String) });
          expect(await store.headPosition()).toBe(before);
        }
      }),
      { numRuns: 50 },
    );
  });
});

/** Header values HTTP can carry at all (inject refuses control characters, as a real client would). */
function sanitized(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, value.replace(/[^\t\x20-\x7e]/g, '?')]));
}
