import { CreditBureauUnavailable } from './credit-bureau.port';
import { bureauAnswer, FakeBureau, json, type Answer } from './fake-bureau.fixtures';
import { HttpCreditBureau, maxAnswerBytes } from './http-credit-bureau';

const subject = { creditorId: 'cred-1', debtorReference: 'D-100' };

describe('HttpCreditBureau against a bureau on a loopback port', () => {
  const fake = new FakeBureau();
  let bureau: HttpCreditBureau;
  beforeAll(async () => {
    bureau = new HttpCreditBureau({ url: await fake.start(), apiKey: 'bureau-key', timeoutMs: 300 });
  });
  afterAll(() => fake.stop());

  const unavailable = async (retryAfterSeconds: number, message: RegExp) => {
    const failure: unknown = await bureau.fetchReport(subject).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CreditBureauUnavailable);
    expect(failure).toMatchObject({ retryAfterSeconds, message: expect.stringMatching(message) });
  };

  it('asks for the subject with its key, and reads the report in the documented shape', async () => {
    fake.answer = json(200, bureauAnswer);
    expect(await bureau.fetchReport(subject)).toEqual({
      bureau: 'Experian',
      score: 640,
      scaleMin: 300,
      scaleMax: 850,
      reportedOn: '2026-02-20',
      reasonCodes: ['D1', '14'],
    });
    expect(fake.asked.at(-1)).toEqual({
      method: 'POST',
      url: '/v1/reports',
      authorization: 'Bearer bureau-key',
      body: { subject: { creditorId: 'cred-1', debtorReference: 'D-100' } },
    });
  });

  it('reads 404 as no file on the subject', async () => {
    fake.answer = json(404, { error: 'no file' });
    expect(await bureau.fetchReport(subject)).toBeNull();
  });

  it('is unavailable on a refusal, for as long as the bureau’s Retry-After says, else 30 s', async () => {
    fake.answer = json(503, {}, { 'retry-after': '120' });
    await unavailable(120, /HTTP 503/);
    fake.answer = json(429, {}, { 'retry-after': '999999' });
    await unavailable(3600, /HTTP 429/);
    fake.answer = json(401, {});
    await unavailable(30, /HTTP 401/);
    fake.answer = json(500, {}, { 'retry-after': 'Wed, 21 Oct 2026 07:28:00 GMT' });
    await unavailable(30, /HTTP 500/);
  });

  it('is unavailable when the bureau does not answer in time', async () => {
    fake.answer = (_, __, response) => setTimeout(() => response.writeHead(200).end('{}'), 1_000).unref();
    await unavailable(30, /did not answer within 300 ms/);
  });

  it('is unavailable on an answer of another shape: not JSON, fields missing or mistyped, a name that cannot be stored', async () => {
    const shapes: Answer[] = [
      (_, __, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"bureau":'),
      json(200, [bureauAnswer]),
      json(200, { ...bureauAnswer, scale: undefined }),
      json(200, { ...bureauAnswer, score: '640' }),
      json(200, { ...bureauAnswer, reasonCodes: [14] }),
      json(200, { ...bureauAnswer, bureau: 'Exp\u0000erian' }),
      json(200, { ...bureauAnswer, bureau: ' Experian' }),
    ];
    for (const shape of shapes) {
      fake.answer = shape;
      await unavailable(30, /another shape/);
    }
  });

  it('is unavailable on an answer larger than a report could be, said or not, without reading it whole', async () => {
    const padded = { ...bureauAnswer, padding: 'x'.repeat(maxAnswerBytes) };
    fake.answer = json(200, padded);
    await unavailable(30, /another shape/);
    // Streamed without a length: 16 MB offered in 64 KB pieces, given up on after the limit.
    let written = 0;
    fake.answer = (_, __, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const piece = 'x'.repeat(64 * 1024);
      const more = () => {
        while (written < 16 * 1024 * 1024 && !response.destroyed) {
          written += piece.length;
          if (!response.write(piece)) return void response.once('drain', more);
        }
        response.end();
      };
      more();
    };
    await unavailable(30, /another shape/);
    expect(written).toBeLessThan(16 * 1024 * 1024);
  });

  it('is unavailable when nothing listens', async () => {
    const closed = new FakeBureau();
    const url = await closed.start();
    await closed.stop();
    const nowhere = new HttpCreditBureau({ url, apiKey: 'k', timeoutMs: 300 });
    await expect(nowhere.fetchReport(subject)).rejects.toMatchObject({ retryAfterSeconds: 30, message: 'The credit bureau could not be reached.' });
  });
});
