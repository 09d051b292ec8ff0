import { actorRoles, type ActorRole } from '@arrears/commands';
import { SignJWT } from 'jose';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { accountReadModel } from '@arrears/projections';
import { READ_STORE, type ReadStore } from '@arrears/read-store';
import { accessMatrix, publicRoute } from '../../apps/api/src/auth/access-matrix';
import { AccountCreditors } from '../../apps/api/src/auth/account-creditors';
import {
  as,
  eventCount,
  invoiceBody,
  openAccountBody,
  paymentBody,
  readModelsCaughtUp,
  startTestApi,
  testAuthSecret,
  uniqueId,
  type TestApi,
} from './support/test-api';

describe('authentication and authorization', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  /** An account of `creditorId` with one invoice, opened by the billing integration. */
  async function account(creditorId: string): Promise<string> {
    const accountId = uniqueId('acc');
    expect((await api.post('/accounts', openAccountBody(accountId, creditorId))).status).toBe(201);
    expect((await api.post(`/accounts/${accountId}/invoices`, invoiceBody('inv-1'))).status).toBe(201);
    return accountId;
  }

  describe('a request without a valid token gets 401, and changes nothing', () => {
    const sign = (claims: Record<string, unknown>, secret = testAuthSecret, expires: string | number = '1h') =>
      new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('agent-7').setExpirationTime(expires).sign(new TextEncoder().encode(secret));

    it.each([
      ['no Authorization header', () => Promise.resolve('')],
      ['not a bearer token', () => Promise.resolve('Basic YWdlbnQ6c2VjcmV0')],
      ['a token that is not a JWT', () => Promise.resolve('Bearer not-a-token')],
      [
        'a token signed with another secret',
        async () => `Bearer ${await sign({ role: 'system', creditors: '*' }, 'another-secret-of-thirty-two-characters!!')}`,
      ],
      ['an expired token', async () => `Bearer ${await sign({ role: 'system', creditors: '*' }, testAuthSecret, Math.floor(Date.now() / 1000) - 60)}`],
      ['a token with an unknown role', async () => `Bearer ${await sign({ role: 'admin', creditors: '*' })}`],
      ['a token without creditors', async () => `Bearer ${await sign({ role: 'system' })}`],
      [
        'a token whose creditors are ["*"] (a list naming no creditor, not the portfolio)',
        async () => `Bearer ${await sign({ role: 'system', creditors: ['*'] })}`,
      ],
    ])('%s', async (_case, authorization) => {
      const accountId = uniqueId('acc');
      const response = await api.post('/accounts', openAccountBody(accountId), { authorization: await authorization() });
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="arrears"');
      expect(response.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', detail: expect.any(String) });
      expect(await eventCount(api, accountId)).toBe(0);
    });

    it('keeps /health and /docs open', async () => {
      expect((await api.get('/health', { authorization: '' })).status).toBe(200);
      expect((await api.get('/docs/openapi.json', { authorization: '' })).status).toBe(200);
    });
  });

  it('answers an analyst posting a payment with 403, and appends nothing', async () => {
    const accountId = await account('cred-1');
    const before = await eventCount(api, accountId);
    const response = await api.post(`/accounts/${accountId}/payments`, paymentBody('pay-1', 1_000), await as('analyst'));
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'ROLE_NOT_ALLOWED', role: 'analyst' });
    expect(await eventCount(api, accountId)).toBe(before);
  });

  it('lists every route of the API in the access matrix, and nothing else', async () => {
    const { paths } = (await api.get('/docs/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(routes.sort()).toEqual(Object.keys(accessMatrix).sort());
  });

  describe('the role × route matrix: each role is let through where the matrix allows it, and 403 elsewhere', () => {
    let accountId: string;
    beforeAll(async () => {
      accountId = await account('cred-1');
    });
    const cases = Object.entries(accessMatrix)
      .filter(([, access]) => access !== publicRoute)
      .flatMap(([route, access]) => actorRoles.map((role) => [route, role, (access as readonly ActorRole[]).includes(role)] as const));

    it.each(cases)('%s as %s (allowed: %s)', async (route, role, allowed) => {
      const [method, pattern] = route.split(' ') as ['GET' | 'POST', string];
      const path = pattern.replace(':accountId', accountId).replace(':channel', 'sms').replace(/:\w+/g, 'unknown-id');
      const query = path === '/kpis' ? '?from=2026-01-01&to=2026-01-31' : '';
      const response = await api.request(method, `${path}${query}`, method === 'POST' ? {} : undefined, await as(role));
      if (allowed) {
        // Past the guard: an empty body is then the caller's mistake (400), an unknown id a 404, and so on.
        expect(response.status).not.toBe(401);
        expect(response.status).not.toBe(403);
        expect(response.status).toBeLessThan(500);
      } else {
        expect(response.status).toBe(403);
        expect(response.body.code).toBe('ROLE_NOT_ALLOWED');
      }
    });
  });

  describe('a token never reaches another creditor’s data', () => {
    let ours: string;
    let theirs: string;
    beforeAll(async () => {
      ours = await account('cred-a');
      theirs = await account('cred-b');
    });

    it('answers 404 for an account of another creditor, on reads and commands alike, as for an absent one', async () => {
      const agentOfA = await as('agent', 'agent-a', ['cred-a']);
      await readModelsCaughtUp(api);
      expect((await api.get(`/accounts/${ours}`, agentOfA)).status).toBe(200);
      const read = await api.get(`/accounts/${theirs}`, agentOfA);
      const absent = await api.get(`/accounts/${uniqueId('nobody')}`, agentOfA);
      expect(read.status).toBe(404);
      expect(read.body.code).toBe(absent.body.code);
      const before = await eventCount(api, theirs);
      const note = await api.post(`/accounts/${theirs}/notes`, { text: 'should not land' }, agentOfA);
      expect(note.status).toBe(404);
      expect(await eventCount(api, theirs)).toBe(before);
      expect((await api.get(`/accounts/${theirs}/history`, await as('auditor', 'auditor-a', ['cred-a']))).status).toBe(404);
    });

    it('reads a scoped caller’s account once, for the scope check and the answer, unless a position is to be waited for', async () => {
      const agentOfA = await as('agent', 'agent-a', ['cred-a']);
      const fresh = await account('cred-a');
      await readModelsCaughtUp(api);
      const readStore = api.app.get<ReadStore>(READ_STORE);
      const get = readStore.get.bind(readStore);
      const reads: string[] = [];
      readStore.get = (collection, id) => (reads.push(`${collection}/${id}`), get(collection, id));
      try {
        const scoped = await api.get(`/accounts/${fresh}`, agentOfA);
        expect(reads).toEqual([`${accountReadModel.collection}/${fresh}`]);
        expect(scoped.body).toEqual((await api.get(`/accounts/${fresh}`, await as('supervisor', 'supervisor-all'))).body);
        const another = await account('cred-a');
        const position = String((await api.post(`/accounts/${another}/payments`, paymentBody('pay-1', 5000))).body.position);
        reads.length = 0;
        const waited = await api.get(`/accounts/${another}?minPosition=${position}`, agentOfA);
        expect(waited.body.balances.total).toBe(7500);
        expect(reads).toEqual([`${accountReadModel.collection}/${another}`, `${accountReadModel.collection}/${another}`]);
      } finally {
        readStore.get = get;
      }
    });

    it('shows an agent only their creditors’ accounts on the worklist', async () => {
      await readModelsCaughtUp(api);
      const all = await api.get(`/worklist?limit=100`, await as('agent', 'agent-all'));
      const ids = (list: { body: { items: { accountId: string }[] } }) => list.body.items.map((item) => item.accountId);
      expect(ids(all)).toEqual(expect.arrayContaining([ours, theirs]));
      const mine = await api.get(`/worklist?limit=100`, await as('agent', 'agent-a', ['cred-a']));
      expect(ids(mine)).toContain(ours);
      expect(ids(mine)).not.toContain(theirs);
      // Each creditor's lines are walked apart and merged: in the order of the whole list, a page at a time.
      const agentOfBoth = await as('agent', 'agent-ab', ['cred-a', 'cred-b']);
      const of = (list: { body: { items: { accountId: string; creditorId: string }[] } }, creditors: string[]) =>
        list.body.items.filter((item) => creditors.includes(item.creditorId)).map((item) => item.accountId);
      const both = await api.get(`/worklist?limit=100`, agentOfBoth);
      expect(ids(both)).toEqual(of(all, ['cred-a', 'cred-b']));
      expect(ids(both)).toEqual(expect.arrayContaining([ours, theirs]));
      const first = await api.get(`/worklist?limit=1`, agentOfBoth);
      const rest = await api.get(`/worklist?limit=100&cursor=${first.body.nextCursor}`, agentOfBoth);
      expect([...ids(first), ...ids(rest)]).toEqual(ids(both));
      expect(ids(await api.get(`/worklist?limit=100&creditorId=cred-b`, agentOfBoth))).toEqual(of(all, ['cred-b']));
      expect(ids(await api.get(`/worklist?limit=100&creditorId=cred-b`, await as('agent', 'agent-a', ['cred-a'])))).toEqual([]);
    });

    it('gives an analyst of one creditor that creditor’s KPIs, never the portfolio or another’s', async () => {
      const period = 'from=2026-01-01&to=2026-01-31';
      const analystOfA = await as('analyst', 'analyst-a', ['cred-a']);
      expect((await api.get(`/kpis?${period}`, analystOfA)).body.scope).toBe('cred-a');
      expect((await api.get(`/kpis?${period}&creditorId=cred-b`, analystOfA)).status).toBe(403);
      expect((await api.get(`/kpis?${period}`, await as('analyst', 'analyst-ab', ['cred-a', 'cred-b']))).body.code).toBe('CREDITOR_REQUIRED');
      expect((await api.get(`/kpis?${period}`, await as('analyst', 'analyst-all'))).body.scope).toBe('portfolio');
    });

    it('answers a creditor opening an id another creditor holds exactly as opening its own twice, and changes neither', async () => {
      const feedOfB = await as('system', 'feed-b', ['cred-b']);
      const own = await api.post('/accounts', openAccountBody(theirs, 'cred-b'), feedOfB);
      const taken = await api.post('/accounts', openAccountBody(ours, 'cred-b'), feedOfB);
      expect(own.status).toBe(409);
      const withIdMasked = (body: Record<string, unknown>) => ({ ...body, detail: '-', accountId: '-', instance: '-' });
      expect(withIdMasked(taken.body)).toEqual(withIdMasked(own.body));
      expect(taken.body).toMatchObject({ code: 'ACCOUNT_ALREADY_EXISTS', accountId: ours, detail: `Account ${ours} already exists.` });
      expect(taken.headers['content-type']).toBe(own.headers['content-type']);
      expect((await api.get(`/accounts/${ours}/events`, await as('auditor', 'auditor-b', ['cred-b']))).status).toBe(404);
      expect((await api.get(`/accounts/${ours}/events`)).body.events.map((event: { metadata: { creditorId: string } }) => event.metadata.creditorId)).toEqual([
        'cred-a',
        'cred-a',
      ]);
    });

    it('gives an Idempotency-Key’s stored answer only to a token still allowed the creditor it names', async () => {
      const accountId = uniqueId('acc');
      const key = { 'idempotency-key': uniqueId('key') };
      expect((await api.post('/accounts', openAccountBody(accountId, 'cred-a'), { ...(await as('system', 'feed-x', ['cred-a'])), ...key })).status).toBe(201);
      const replay = await api.post('/accounts', openAccountBody(accountId, 'cred-a'), { ...(await as('system', 'feed-x', ['cred-b'])), ...key });
      expect(replay.status).toBe(403);
      expect(replay.body.code).toBe('CREDITOR_NOT_ALLOWED');
      expect(replay.headers['idempotent-replayed']).toBeUndefined();
    });

    it('refuses to open an account for a creditor the token may not act for', async () => {
      const accountId = uniqueId('acc');
      const response = await api.post('/accounts', openAccountBody(accountId, 'cred-b'), await as('system', 'feed-a', ['cred-a']));
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('CREDITOR_NOT_ALLOWED');
      expect(await eventCount(api, accountId)).toBe(0);
    });
  });

  it('keeps two callers’ Idempotency-Keys apart even where subject and key could run together', async () => {
    const accountId = await account('cred-1');
    const note = { text: 'Called, no answer.' };
    const first = await api.post(`/accounts/${accountId}/notes`, note, { ...(await as('agent', 'agent')), 'idempotency-key': '7:x' });
    const second = await api.post(`/accounts/${accountId}/notes`, note, { ...(await as('agent', 'agent:7')), 'idempotency-key': 'x' });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    const events = (await api.get(`/accounts/${accountId}/events`)).body.events as { type: string; metadata: { actor: { id: string } } }[];
    expect(events.filter((event) => event.type === 'NoteAdded').map((event) => event.metadata.actor.id)).toEqual(['agent', 'agent:7']);
  });

  it('records the actor from the verified token, not from anything the client says', async () => {
    const accountId = await account('cred-1');
    const headers = { ...(await as('agent', 'agent-7')), 'x-actor-id': 'someone-else', 'x-actor-role': 'supervisor' };
    expect((await api.post(`/accounts/${accountId}/notes`, { text: 'Called, no answer.' }, headers)).status).toBe(201);
    const events = (await api.get(`/accounts/${accountId}/events`)).body.events;
    expect(events.at(-1).metadata.actor).toEqual({ id: 'agent-7', role: 'agent' });
  });
});

describe('an account another creditor opens while a scoped request is under way', () => {
  it('answers a scoped caller 404 for an account the log does not hold, even if another creditor opens it meanwhile', async () => {
    // No projector here: the read waits for its position until a second process, started later, projects.
    const reader = await startTestApi({ env: { RUN_PROJECTOR: 'false' } });
    let projector: TestApi | undefined;
    try {
      const position = (await reader.post('/accounts', openAccountBody(uniqueId('acc'), 'cred-a'))).body.position;
      const later = uniqueId('acc');
      const creditors = reader.app.get(AccountCreditors);
      const of = creditors.of.bind(creditors);
      let scopeChecked = () => {};
      const checked = new Promise<void>((resolve) => (scopeChecked = resolve));
      creditors.of = async (accountId) => {
        const found = await of(accountId);
        if (accountId === later) scopeChecked();
        return found;
      };
      const read = reader.get(`/accounts/${later}?minPosition=${position}`, await as('agent', 'agent-a', ['cred-a']));
      await checked;
      expect((await reader.post('/accounts', openAccountBody(later, 'cred-b'))).status).toBe(201);
      projector = await startTestApi({ databaseUrl: reader.databaseUrl });
      await readModelsCaughtUp(projector);
      const answer = await read;
      // An absent account as the route itself answers it (a token for every creditor passes the guard).
      const absent = await reader.get(`/accounts/${uniqueId('nobody')}`, await as('agent', 'agent-all'));
      expect(answer.status).toBe(404);
      const masked = (body: Record<string, unknown>) => ({ ...body, detail: '-', accountId: '-', instance: '-' });
      expect(masked(answer.body)).toEqual(masked(absent.body));
      expect(answer.body).not.toHaveProperty('creditorId');
    } finally {
      await projector?.close();
      await reader.close();
    }
  });

  it('answers 404 to a scoped checkout of an account another creditor opens just after the scope check', async () => {
    const api = await startTestApi({ env: { PAYMENT_PROVIDER: 'test', PUBLIC_URL: 'https://arrears.example.com' } });
    try {
      const accountId = uniqueId('acc');
      const creditors = api.app.get(AccountCreditors);
      const of = creditors.of.bind(creditors);
      const openedMeanwhile: number[] = [];
      creditors.of = async (id) => {
        const found = await of(id);
        // Between the guard's check and the route's own load of the account: another creditor opens it.
        if (id === accountId) {
          openedMeanwhile.push((await api.post('/accounts', openAccountBody(id, 'cred-b'))).status);
          openedMeanwhile.push((await api.post(`/accounts/${id}/invoices`, invoiceBody('inv-1'))).status);
        }
        return found;
      };
      const checkout = await api.post(`/accounts/${accountId}/checkout`, { amount: 100, currency: 'USD' }, await as('agent', 'agent-a', ['cred-a']));
      expect(openedMeanwhile).toEqual([201, 201]);
      expect(checkout.status).toBe(404);
      expect(checkout.body).toMatchObject({ code: 'ACCOUNT_NOT_FOUND', accountId });
      expect(checkout.body).not.toHaveProperty('url');
    } finally {
      await api.close();
    }
  });
});

describe('revoked tokens', () => {
  let api: TestApi;
  let revoked: string;
  beforeAll(async () => {
    revoked = join(await mkdtemp(join(tmpdir(), 'revoked-')), 'revoked-tokens.txt');
    api = await startTestApi({ env: { AUTH_REVOKED_FILE: revoked, AUTH_REVOKED_REFRESH_MS: '0' } });
  });
  afterAll(async () => {
    await api.close();
  });

  it('refuses a token on its next request once the revocation file lists its jti, though it was verified before', async () => {
    const token = await new SignJWT({ role: 'agent', creditors: '*' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('agent-leaving')
      .setJti('token-of-agent-leaving')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(testAuthSecret));
    const authorization = { authorization: `Bearer ${token}` };
    expect((await api.get('/worklist', authorization)).status).toBe(200);
    await writeFile(revoked, 'token-of-agent-leaving\n');
    const refused = await api.get('/worklist', authorization);
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ code: 'UNAUTHENTICATED', detail: 'The token has been revoked.' });
    expect((await api.get('/worklist', await as('agent', 'agent-staying'))).status).toBe(200);
  });
});

describe('tamper-evident history', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('reports an untouched history as intact, and names the revision edited directly in PostgreSQL', async () => {
    const accountId = uniqueId('acc');
    await api.post('/accounts', openAccountBody(accountId));
    await api.post(`/accounts/${accountId}/invoices`, invoiceBody('inv-1'));
    await api.post(`/accounts/${accountId}/payments`, paymentBody('pay-1', 2_500));
    await api.post(`/accounts/${accountId}/payments`, paymentBody('pay-2', 2_500));
    const auditor = await as('auditor', 'auditor-1');
    const intact = await api.get(`/accounts/${accountId}/history/verify`, auditor);
    expect(intact.status).toBe(200);
    expect(intact.body).toMatchObject({ accountId, status: 'intact', events: 4, lastHash: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const database = new Client({ connectionString: api.databaseUrl });
    await database.connect();
    try {
      await database.query(`UPDATE events SET data = jsonb_set(data, '{amount}', '1') WHERE stream_id = $1 AND revision = 2`, [`account-${accountId}`]);
    } finally {
      await database.end();
    }
    const broken = await api.get(`/accounts/${accountId}/history/verify`, auditor);
    expect(broken.body).toMatchObject({ status: 'broken', firstBrokenRevision: 2, reason: 'HASH_MISMATCH' });
  });

  it('answers 404 for an account with no history', async () => {
    expect((await api.get(`/accounts/${uniqueId('nobody')}/history/verify`)).status).toBe(404);
  });
});
