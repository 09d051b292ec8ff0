import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EVENT_STORE, type EventStore } from '@arrears/event-store';
import { FixedClock, loadConfig } from '@arrears/platform';
import { ProjectionProgress, READ_MODELS, type ReadModel } from '@arrears/projections';
import { SchedulerLoop } from '@arrears/scheduler';
import { randomUUID } from 'node:crypto';
import type { DestinationStream } from 'pino';
import { createApp } from '../../../apps/api/src/bootstrap';
import { openApiDocument } from '../../../apps/api/src/http/openapi-document';
import { accessMatrix, publicRoute } from '../../../apps/api/src/auth/access-matrix';
import { mintToken } from '../../../apps/api/src/auth/mint-token';
import type { Principal } from '../../../apps/api/src/auth/principal';
import { createTestDatabase } from '../../setup/test-database';
import { ContractCheck } from './contract';

/** A parsed JSON body, typed as `JSON.parse` types it: the specs' assertions (toEqual, toMatchObject) check its shape. */
export type ParsedJson = ReturnType<typeof JSON.parse>;

export interface TestResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: ParsedJson;
}

export interface TestApi {
  app: NestFastifyApplication;
  clock: FixedClock;
  databaseUrl: string;
  /**
   * Without an `authorization` header, a request carries a token of the first role the access
   * matrix allows on its route, for every creditor; `authorization: ''` sends none.
   */
  request(method: 'GET' | 'POST', url: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse>;
  get(url: string, headers?: Record<string, string>): Promise<TestResponse>;
  close(): Promise<void>;
}

/** The secret the test service verifies tokens with. */
export const testAuthSecret = 'test-secret-of-at-least-thirty-two-characters';
/** The keys the test service holds outside its databases: the hash chain's, and the one wrapping data keys. */
export const testChainKey = 'test-chain-key-of-at-least-thirty-two-characters';
export const testKeyEncryptionKey = 'test-key-encryption-key-of-at-least-32-characters';
/** The configuration every service on the test stores needs beside its URLs. */
export const testSecretsEnv = { AUTH_JWT_SECRET: testAuthSecret, CHAIN_KEY: testChainKey, KEY_ENCRYPTION_KEY: testKeyEncryptionKey };

/** An Authorization header for a principal (all creditors unless named). */
export async function as(role: Principal['role'], id: string = role, creditors: Principal['creditors'] = '*'): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await mintToken(testAuthSecret, { id, role, creditors }, '1h')}` };
}

const routes = Object.entries(accessMatrix).map(([key, access]) => {
  const [method, pattern] = key.split(' ') as [string, string];
  return { method, pattern: new RegExp(`^${pattern.replace(/:[A-Za-z]+/g, '[^/]+')}$`), access };
});

/** The header a test request carries by default: a token of a role allowed on its route, if any is needed. */
async function defaultAuthorization(method: string, url: string): Promise<Record<string, string>> {
  const path = url.split('?')[0] as string;
  const access = routes.find((route) => route.method === method && route.pattern.test(path))?.access;
  if (!access || access === publicRoute) return {};
  return as(access[0] as Principal['role'], `test-${access[0]}`);
}

async function withAuthorization(method: string, url: string, headers: Record<string, string>): Promise<Record<string, string>> {
  if (!('authorization' in headers)) return { ...(await defaultAuthorization(method, url)), ...headers };
  const { authorization, ...rest } = headers;
  return authorization ? headers : rest;
}

/** What the spec file's exchanges did that the OpenAPI document does not allow, each with how often. */
const outsideTheContract = new Map<string, number>();

// The spec file fails after its tests if any response (or accepted request) was outside the document.
afterAll(() => {
  if (outsideTheContract.size === 0) return;
  const lines = [...outsideTheContract].map(([violation, times]) => `  ${violation}${times > 1 ? ` (×${times})` : ''}`);
  throw new Error(`${outsideTheContract.size} kinds of exchange outside the OpenAPI document:\n${lines.join('\n')}`);
});

/**
 * The real application, in this process, on a fresh database of the run's embedded PostgreSQL, with
 * a clock the test moves. Requests go through Fastify's full request pipeline (inject).
 */
export async function startTestApi(
  options: { databaseUrl?: string; now?: string; env?: Record<string, string>; logDestination?: DestinationStream } = {},
): Promise<TestApi> {
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase());
  const clock = new FixedClock(new Date(options.now ?? '2026-03-01T15:00:00Z'));
  // The scheduler does not wake by itself in tests: a test that needs it wakes it (see scheduler specs).
  const config = loadConfig({
    EVENT_STORE_URL: databaseUrl,
    LOG_LEVEL: 'error',
    PROJECTOR_LEASE_MS: '1000',
    RUN_SCHEDULER: 'false',
    ...testSecretsEnv,
    RATE_LIMIT_PER_SECOND: '1000000',
    ...options.env,
  });
  const app = await createApp(config, { clock, ...(options.logDestination ? { logDestination: options.logDestination } : {}) });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const contract = new ContractCheck(openApiDocument(app));
  const request: TestApi['request'] = async (method, url, body, given = {}) => {
    const headers = await withAuthorization(method, url, given);
    const response = await app.inject({
      method,
      url,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { payload: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = response.body;
    const contentType = response.headers['content-type'] as string | undefined;
    const parsed = text && /json/.test(String(contentType)) ? JSON.parse(text) : text || undefined;
    const requestBody = typeof body === 'string' ? parsedOrText(body) : body;
    for (const violation of contract.violations({ method, url, requestBody, status: response.statusCode, contentType, responseBody: parsed })) {
      outsideTheContract.set(violation, (outsideTheContract.get(violation) ?? 0) + 1);
    }
    return { status: response.statusCode, headers: response.headers, body: parsed };
  };
  return {
    app,
    clock,
    databaseUrl,
    request,
    post: (url, body, headers) => request('POST', url, body, headers),
    get: (url, headers) => request('GET', url, undefined, headers),
    close: () => app.close(),
  };
}

/** A body a spec sent as text: what the service parsed it as, if it is JSON. */
function parsedOrText(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

export const uniqueId = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/** Opened before the backdated invoices and payments the specs record on it (a payment before the opening is refused). */
export const openAccountBody = (accountId: string, creditorId = 'cred-1') => ({
  accountId,
  creditorId,
  openedOn: '2025-12-01',
  debtor: {
    reference: 'D-100',
    name: 'Ada Lovelace',
    timeZone: 'America/New_York',
    email: 'ada@example.com',
    phone: '+15551234567',
    // Letters (the validation notice) go to a postal address: one without is dead-lettered.
    address: { lines: ['12 Analytical Row'], city: 'Albany', region: 'NY', postalCode: '12207', country: 'US' },
  },
});

export const invoiceBody = (invoiceId: string, overrides: Record<string, unknown> = {}) => ({
  invoiceId,
  amount: 12500,
  currency: 'USD',
  issuedOn: '2026-01-01',
  dueOn: '2026-01-31',
  terms: { graceDays: 5, lateFee: { type: 'flat', amount: 1500 }, earlyPaymentDiscount: { percent: 2, withinDays: 10 } },
  ...overrides,
});

export const paymentBody = (paymentId: string, amount: number, overrides: Record<string, unknown> = {}) => ({
  paymentId,
  amount,
  currency: 'USD',
  receivedOn: '2026-02-10',
  method: 'card',
  ...overrides,
});

/** Opens an account with one backdated invoice; returns the account id. */
export async function accountWithInvoice(api: TestApi, invoice: Record<string, unknown> = {}): Promise<string> {
  const accountId = uniqueId('acc');
  expect((await api.post('/accounts', openAccountBody(accountId))).status).toBe(201);
  expect((await api.post(`/accounts/${accountId}/invoices`, invoiceBody('inv-1', invoice))).status).toBe(201);
  return accountId;
}

export async function eventCount(api: TestApi, accountId: string): Promise<number> {
  const response = await api.get(`/accounts/${accountId}/events`);
  return response.status === 404 ? 0 : response.body.events.length;
}

/** Waits until every read model has caught up with the event store, as the scheduler reads them. */
export async function readModelsCaughtUp(api: TestApi): Promise<void> {
  const head = await api.app.get<symbol, EventStore>(EVENT_STORE).headPosition();
  const names = api.app.get<symbol, ReadModel[]>(READ_MODELS).map(({ projection }) => projection.name);
  expect(await api.app.get(ProjectionProgress).waitFor(head, names, 10_000)).toBe(true);
}

/** One wake of the scheduler once the read models have caught up: the timeline's due work, then the outbox. */
export async function wakeScheduler(api: TestApi): Promise<void> {
  await readModelsCaughtUp(api);
  await api.app.get(SchedulerLoop).wake();
}

export async function eventTypes(api: TestApi, accountId: string): Promise<string[]> {
  return (await api.get(`/accounts/${accountId}/events`)).body.events.map((event: { type: string }) => event.type);
}
