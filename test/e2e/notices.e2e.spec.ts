import { Client } from 'pg';
import { closedAfterAll } from './support/closed-after-all';
import { as, invoiceBody, readModelsCaughtUp, startTestApi, uniqueId, type TestApi } from './support/test-api';

/*
 * Messages end to end: the validation notice rendered in the debtor's language and stored sealed;
 * its opt-out link (12 CFR 1006.6(e)) opened (nothing changes) and confirmed (the medium is blocked,
 * once, as the debtor's request); the templates listed and previewed by a supervisor; every input checked.
 */
describe('messages: templates, opt-out and disclosure', () => {
  const closeLater = closedAfterAll();
  let api: TestApi;
  let sql: Client;
  const accountId = uniqueId('acc');
  const debtor = {
    reference: uniqueId('D'),
    name: 'Ada Lovelace',
    timeZone: 'America/New_York',
    email: 'ada@example.com',
    address: { lines: ['12 Elm Street'], city: 'Albany', region: 'NY', postalCode: '12207', country: 'US' },
    language: 'es',
  };
  type Event = { type: string; data: Record<string, unknown>; metadata: Record<string, unknown> };
  const events = async () => (await api.get(`/accounts/${accountId}/events`, await as('auditor'))).body.events as Event[];
  const notice = async () => (await events()).find((event) => event.type === 'ValidationNoticeSent') as Event;
  let link: string;

  beforeAll(async () => {
    api = closeLater(await startTestApi(), (started) => started.close());
    sql = closeLater(new Client({ connectionString: api.databaseUrl }), (client) => client.end());
    await sql.connect();
    expect((await api.post('/accounts', { accountId, creditorId: 'cred-1', debtor, openedOn: '2026-01-02' })).status).toBe(201);
    expect((await api.post(`/accounts/${accountId}/invoices`, invoiceBody('inv-1'))).status).toBe(201);
    // By e-mail once the debtor's E-SIGN consent is recorded (1006.42(b)); 15:00Z is 10:00 in New York.
    expect((await api.post(`/accounts/${accountId}/electronic-delivery-consent`, { basis: 'esign_consent' })).status).toBe(201);
    expect((await api.post(`/accounts/${accountId}/validation-notice`, { channel: 'email' })).status).toBe(201);
    const body = ((await notice()).data.message as { body: string }).body;
    link = /http:\/\/\S+\/opt-out\/\S+/.exec(body)?.[0] as string;
    await readModelsCaughtUp(api);
  });

  it('stores the validation notice as it went out, in the debtor’s language, sealed under their key', async () => {
    const { rows } = await sql.query<{ data: Record<string, unknown> }>("SELECT data FROM events WHERE stream_id = $1 AND type = 'ValidationNoticeSent'", [
      `account-${accountId}`,
    ]);
    // The ciphertext is random base64, which may spell "Ada" by chance: only what lies outside it is read.
    const outsideCiphertext = JSON.stringify(rows, (key, value: unknown) => (key === 'data' && typeof value === 'string' ? '<ciphertext>' : value));
    expect(outsideCiphertext).toContain('<ciphertext>');
    expect(outsideCiphertext).not.toMatch(/Ada|Elm Street|disputar/);
    expect(rows[0]?.data.message).toMatchObject({ templateId: 'validation-notice', version: 1, language: 'es', sealed: { keyId: expect.any(String) } });
    const { message } = (await notice()).data as { message: { subject: string; body: string; language: string } };
    expect(message.language).toBe('es');
    expect(message.body).toContain('Ada Lovelace');
    expect(message.body).toContain('12 Elm Street, Albany, NY 12207, US');
    expect(message.body).toContain('¿Cómo puede disputar la deuda?');
    expect(message.body).toContain('Esta comunicación proviene de un cobrador de deudas. Este es un intento de cobrar una deuda');
    expect(link).toMatch(/\/opt-out\/[\w-]+\.[\w-]{22}$/);
  });

  describe('the opt-out link', () => {
    const path = () => new URL(link).pathname;

    it('opened, shows a confirmation and changes nothing (link scanners open links by themselves)', async () => {
      const before = (await events()).length;
      const page = await api.get(path());
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.body).toContain('<form method="post"><button type="submit">Stop e-mails</button></form>');
      expect(await events()).toHaveLength(before);
    });

    it('confirmed (the page’s form), blocks e-mail for the account as the debtor’s request; again, changes nothing', async () => {
      const form = await api.app.inject({ method: 'POST', url: path(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: '' });
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('We will not send e-mails about this account');
      const blocked = (await events()).filter((event) => event.type === 'ChannelBlocked');
      expect(blocked).toEqual([
        expect.objectContaining({ data: { channel: 'email' }, metadata: expect.objectContaining({ actor: { id: 'debtor', role: 'debtor' } }) }),
      ]);
      expect((await api.post(path())).status).toBe(200);
      expect((await events()).filter((event) => event.type === 'ChannelBlocked')).toHaveLength(1);
    });

    it('refuses a link altered, forged or malformed: 404 or 400 problem details, never a change', async () => {
      const token = path().split('/').pop() as string;
      const [payload, signature] = token.split('.') as [string, string];
      const otherMedium = `${Buffer.from(`s${accountId}`).toString('base64url')}.${signature}`;
      const forged = `${payload}.${'A'.repeat(22)}`;
      for (const bad of [otherMedium, forged]) {
        for (const method of ['GET', 'POST'] as const) {
          const answer = await api.request(method, `/opt-out/${bad}`);
          expect(answer.status).toBe(404);
          expect(answer.body).toMatchObject({ code: 'OPT_OUT_LINK_NOT_FOUND' });
        }
      }
      for (const malformed of ['x', `${token}.more`, `${payload}.${signature.slice(1)}`]) {
        expect(await api.get(`/opt-out/${malformed}`)).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
      }
      expect((await events()).filter((event) => event.type === 'ChannelBlocked')).toHaveLength(1);
    });

    it('takes a form only on its own route', async () => {
      const elsewhere = await api.app.inject({
        method: 'POST',
        url: `/accounts/${accountId}/notes`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(await as('agent')) },
        payload: 'text=hi',
      });
      expect(elsewhere.statusCode).toBe(415);
    });
  });

  describe('GET /templates', () => {
    it('lists every template in force for a supervisor: id, version, channel, language, escalation, variables', async () => {
      const listed = await api.get('/templates', await as('supervisor'));
      expect(listed.status).toBe(200);
      expect(listed.body.templates).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            id: 'validation-notice',
            version: 1,
            channel: 'letter',
            language: 'es',
            escalation: false,
            variables: expect.arrayContaining(['periodEndsOn', 'itemizationDate']),
          }),
          expect.objectContaining({ id: 'final-notice', channel: 'letter', language: 'en', escalation: true }),
        ]),
      );
      expect(JSON.stringify(listed.body)).not.toContain('Dear');
    });

    it('is for supervisors only', async () => {
      for (const role of ['agent', 'auditor', 'analyst', 'system'] as const) expect((await api.get('/templates', await as(role))).status).toBe(403);
    });
  });

  describe('POST /templates/:id/preview', () => {
    const preview = async (id: string, body: unknown) => api.post(`/templates/${id}/preview`, body, await as('supervisor'));

    it('renders sample data, complete, with a working opt-out link', async () => {
      const shown = await preview('validation-notice', { channel: 'email', language: 'es' });
      expect(shown.status).toBe(200);
      expect(shown.body).toMatchObject({ templateId: 'validation-notice', version: 1, channel: 'email', language: 'es', escalation: false, missing: [] });
      expect(shown.body.body).toContain('Alex Sample');
      expect(shown.body.body).toMatch(/\/opt-out\/[\w-]+\.[\w-]{22}$/);
    });

    it('renders an account’s data in its debtor’s language, and names what the message would lack', async () => {
      const shown = await preview('payment-reminder', { channel: 'letter', accountId });
      expect(shown.status).toBe(200);
      expect(shown.body).toMatchObject({ language: 'es', missing: [] });
      expect(shown.body.body).toContain('Estimado/a Ada Lovelace:');
      expect(shown.body.body).toContain('La factura inv-1');
      // As if sent today: the account's itemization and the validation period it would start (1006.34(c)).
      const validation = await preview('validation-notice', { channel: 'letter', accountId, language: 'en' });
      expect(validation.body).toMatchObject({ language: 'en', missing: [] });
      expect(validation.body.body).toContain('Total amount of the debt now: USD');
      const anonymous = await api.post('/accounts', {
        accountId: uniqueId('acc'),
        creditorId: 'cred-1',
        debtor: { reference: uniqueId('D'), timeZone: 'UTC' },
      });
      await readModelsCaughtUp(api);
      const bare = await preview('validation-notice', { channel: 'letter', accountId: anonymous.body.accountId });
      // A debtor with no name or postal address on file: the preview names what the notice would lack.
      expect(bare.body.missing).toEqual(expect.arrayContaining(['consumer name (34(c)(2)(ii))', 'consumer mailing address (34(c)(2)(ii))']));
    });

    it('validates every input: 400 naming the field, 404 for a template or account that is not there', async () => {
      expect(await preview('payment-reminder', { channel: 'call' })).toMatchObject({
        status: 400,
        body: { errors: [expect.objectContaining({ field: 'channel' })] },
      });
      expect(await preview('payment-reminder', { channel: 'email', language: 'english' })).toMatchObject({
        status: 400,
        body: { errors: [expect.objectContaining({ field: 'language' })] },
      });
      expect(await preview('payment-reminder', { channel: 'email', accountId: 'no/such' })).toMatchObject({ status: 400 });
      expect(await preview('payment-reminder', { channel: 'email', color: 'red' })).toMatchObject({ status: 400 });
      expect(await preview('payment-reminder', undefined)).toMatchObject({ status: 400 });
      expect(await preview('Not_A_Template', { channel: 'email' })).toMatchObject({
        status: 400,
        body: { errors: [expect.objectContaining({ field: 'templateId' })] },
      });
      expect(await preview('no-such-template', { channel: 'email' })).toMatchObject({ status: 404, body: { code: 'TEMPLATE_NOT_FOUND' } });
      expect(await preview('validation-notice', { channel: 'sms' })).toMatchObject({ status: 404, body: { code: 'TEMPLATE_NOT_FOUND' } });
      expect(await preview('time-barred-disclosure', { channel: 'email' })).toMatchObject({ status: 404, body: { code: 'TEMPLATE_NOT_FOUND' } });
      expect(await preview('payment-reminder', { channel: 'email', accountId: uniqueId('nobody') })).toMatchObject({
        status: 404,
        body: { code: 'ACCOUNT_NOT_FOUND' },
      });
      const otherCreditor = await api.post(`/templates/payment-reminder/preview`, { channel: 'email', accountId }, await as('supervisor', 'sup-2', ['cred-2']));
      expect(otherCreditor).toMatchObject({ status: 404, body: { code: 'ACCOUNT_NOT_FOUND' } });
      expect((await api.post(`/templates/payment-reminder/preview`, { channel: 'email' }, await as('agent'))).status).toBe(403);
    });
  });
});
