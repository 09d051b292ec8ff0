import fc from 'fast-check';
import { EVENT_STORE, type EventStore } from '@arrears/event-store';
import { accessMatrix, publicRoute } from '../../apps/api/src/auth/access-matrix';
import { accountWithInvoice, as, startTestApi, type TestApi } from './support/test-api';

/** At least this many requests in all, spread evenly over the operations the OpenAPI document lists. */
const totalRequests = 6_000;

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  minimum?: number;
  maximum?: number;
  allOf?: Schema[];
  oneOf?: Schema[];
};
interface Operation {
  method: 'GET' | 'POST';
  path: string;
  pathParams: string[];
  query: { name: string; schema: Schema }[];
  body: Schema | undefined;
}
interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { parameters?: { name: string; in: string; schema: Schema }[]; requestBody?: { content: Record<string, { schema: Schema }> } }>
  >;
  components: { schemas: Record<string, Schema> };
}

/** What the world sends that tidy clients do not. */
const hostileStrings = fc.constantFrom(
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00',
  '\udbff\udbff',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '',
  ' ',
  '..',
  '%00',
  '%ZZ',
  '😀',
  'a'.repeat(300),
  '-1',
  '1e309',
  'NaN',
  'null',
  '[]',
  '{}',
  '2026-02-30',
  '2026-13-01T00:00:00Z',
  'ada\ud800@example.com',
  'a@b',
  'Mars/Base',
  'USD\u0000',
);
const hostileNumbers = fc.constantFrom(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, 2 ** 63, 1e21, -1, 0, -0, 0.5, 1e-7);
const hostileValues = fc.oneof(hostileStrings, hostileNumbers, fc.constantFrom(null, true, [], {}, { __proto__: null }), fc.jsonValue({ maxDepth: 2 }));
const deepJson = fc.constantFrom(5_000, 10_000).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);

/** Values shaped like the schema asks, one time in five something hostile in their place. */
function valuesFor(schema: Schema, document: OpenApiDocument, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 4, arbitrary: shaped(resolved(schema, document), document, depth) }, { weight: 1, arbitrary: hostileValues });
}

function resolved(schema: Schema, document: OpenApiDocument): Schema {
  if (schema.$ref) return resolved(document.components.schemas[schema.$ref.split('/').pop() as string] as Schema, document);
  const [first] = schema.allOf ?? schema.oneOf ?? [];
  return first ? resolved(first, document) : schema;
}

function shaped(schema: Schema, document: OpenApiDocument, depth: number): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1_000, max: Math.min(schema.maximum ?? 1_000_000, Number.MAX_SAFE_INTEGER) });
    case 'number':
      return fc.double({ noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 4 ? fc.constant([]) : fc.array(valuesFor(schema.items ?? {}, document, depth + 1), { maxLength: 3 });
    case 'object':
      return objectFor(schema, document, depth);
    default:
      return stringFor(schema);
  }
}

function objectFor(schema: Schema, document: OpenApiDocument, depth: number): fc.Arbitrary<unknown> {
  const properties = Object.entries(schema.properties ?? {});
  if (depth > 4 || properties.length === 0) return fc.dictionary(hostileStrings, hostileValues, { maxKeys: 2 });
  const record = fc.record(Object.fromEntries(properties.map(([name, property]) => [name, valuesFor(property, document, depth + 1)])), { requiredKeys: [] });
  // Now and then a field the API does not know, named as Object.prototype's members are.
  return fc
    .tuple(record, fc.option(fc.tuple(hostileStrings, hostileValues), { freq: 5 }))
    .map(([value, extra]) =>
      extra ? Object.defineProperty({ ...value }, extra[0], { value: extra[1], enumerable: true, writable: true, configurable: true }) : value,
    );
}

function stringFor(schema: Schema): fc.Arbitrary<string> {
  if (schema.format === 'date')
    return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));
  if (schema.format === 'date-time')
    return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((date) => date.toISOString());
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
  return fc.string({ maxLength: 40 });
}

/** The operations of the document, with their parameters and body schemas. */
function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase() as Operation['method'],
      path,
      pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string),
      query: (operation.parameters ?? []).filter((p) => p.in === 'query').map(({ name, schema }) => ({ name, schema })),
      body: operation.requestBody?.content['application/json']?.schema,
    })),
  );
}

/**
 * Requests to every operation the OpenAPI document lists, generated from its schemas and bent out of
 * shape (fast-check): hostile ids in paths, values shaped as declared or hostile, unknown fields, JSON
 * thousands of levels deep, broken tokens and headers. Whatever arrives, no answer is a 5xx, every
 * refusal is problem details, and a refused request leaves the event store as it was.
 */
describe('fuzzing every route from the OpenAPI document (fast-check)', () => {
  let api: TestApi;
  let store: EventStore;
  let accountId: string;
  let operations: Operation[];
  let document: OpenApiDocument;
  const answered = { requests: 0, serverErrors: 0 };
  beforeAll(async () => {
    api = await startTestApi();
    store = api.app.get<symbol, EventStore>(EVENT_STORE);
    accountId = await accountWithInvoice(api);
    document = (await api.get('/docs/openapi.json')).body as OpenApiDocument;
    operations = operationsOf(document);
  });
  afterAll(async () => {
    await api.close();
  });

  it('lists every route of the access matrix', () => {
    const listed = operations.map(({ method, path }) => `${method} ${path.replace(/\{(\w+)\}/g, ':$1')}`).sort();
    expect(listed).toEqual(Object.keys(accessMatrix).sort());
  });

  it(`answers ${totalRequests} generated requests without a 5xx`, async () => {
    const runsEach = Math.ceil(totalRequests / operations.length);
    for (const operation of operations) await fuzz(operation, runsEach);
    expect(answered.requests).toBeGreaterThanOrEqual(totalRequests);
    expect(answered.serverErrors).toBe(0);
  }, 600_000);

  async function fuzz(operation: Operation, numRuns: number): Promise<void> {
    const access = accessMatrix[`${operation.method} ${operation.path.replace(/\{(\w+)\}/g, ':$1')}`];
    const roles = access === publicRoute || access === undefined ? ['agent' as const] : access;
    const ids = fc.oneof(
      fc.constant(accountId),
      fc.constantFrom('inv-1', 'call', 'sms', '1'),
      hostileStrings.filter((id) => id !== ''),
    );
    const query = fc.record(
      Object.fromEntries(operation.query.map(({ name, schema }) => [name, fc.option(valuesFor(schema, document).map(asText), { freq: 2 })])),
    );
    const body = operation.body
      ? fc.oneof(
          { weight: 8, arbitrary: valuesFor(operation.body, document).map((value) => JSON.stringify(value)) },
          { weight: 1, arbitrary: deepJson },
          { weight: 1, arbitrary: hostileStrings },
        )
      : fc.option(
          fc.oneof(
            deepJson,
            fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)),
          ),
          { freq: 4 },
        );
    const requests = fc.record({
      params: fc.array(ids, { minLength: operation.pathParams.length, maxLength: operation.pathParams.length }),
      query,
      body,
      role: fc.constantFrom(...roles),
      badToken: fc.option(hostileStrings, { freq: 8 }),
      idempotencyKey: fc.option(fc.oneof(hostileStrings, fc.uuid()), { freq: 3 }),
      ifMatch: fc.option(fc.oneof(hostileStrings, fc.constantFrom('"0"', '"1"', '*')), { freq: 6 }),
    });
    await fc.assert(
      fc.asyncProperty(requests, async (request) => {
        let param = 0;
        const path = operation.path.replace(/\{\w+\}/g, () => encodeURIComponent((request.params[param++] as string).toWellFormed()));
        const search = new URLSearchParams(
          Object.entries(request.query).flatMap(([name, value]) => (value === null ? [] : [[name, value.toWellFormed()] as [string, string]])),
        ).toString();
        const headers: Record<string, string> = {
          authorization: request.badToken === null ? (await as(request.role)).authorization! : `Bearer ${request.badToken}`,
          ...(request.body === null ? {} : { 'content-type': 'application/json' }),
          ...(request.idempotencyKey === null ? {} : { 'idempotency-key': request.idempotencyKey }),
          ...(request.ifMatch === null ? {} : { 'if-match': request.ifMatch }),
        };
        const before = await store.headPosition();
        const response = await api.app.inject({
          method: operation.method,
          url: search ? `${path}?${search}` : path,
          headers: sanitized(headers),
          ...(request.body === null ? {} : { payload: request.body }),
        });
        answered.requests++;
        if (response.statusCode >= 500) {
          answered.serverErrors++;
          // What a CI log needs to tell a real fault from a slow machine: the answer and the read side's state.
          console.error(operation.method, operation.path, response.statusCode, response.body, JSON.stringify((await api.get('/health')).body));
        }
        expect(response.statusCode).toBeLessThan(500);
        if (response.statusCode >= 400) {
          expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(response.json()).toMatchObject({ type: expect.any(String), title: expect.any(String), status: response.statusCode, code: expect.any(String) });
          expect(await store.headPosition()).toBe(before);
        }
      }),
      { numRuns },
    );
  }
});

/** A query parameter's text: strings as they are, anything else (every generated value is JSON) as JSON. */
const asText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

/** Header values HTTP can carry at all (inject refuses control characters, as a real client would). */
function sanitized(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, value.replace(/[^\t\x20-\x7e]/g, '?')]));
}
