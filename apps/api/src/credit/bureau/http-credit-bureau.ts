import { isPlainObject, type CreditBureauConfig } from '@arrears/platform';
import { CreditBureauUnavailable, type BureauReport, type CreditBureau, type CreditReportSubject } from './credit-bureau.port';

/** How long a caller is asked to wait when the bureau names no time of its own. */
export const defaultRetryAfterSeconds = 30;
/** The longest wait a bureau's Retry-After is taken for: past an hour it is more likely a mistake. */
const maxRetryAfterSeconds = 3600;
/** A report is a few hundred bytes: an answer past this is not one, and is not read into memory whole. */
export const maxAnswerBytes = 64 * 1024;

/**
 * A bureau behind one HTTP shape (docs/credit.md): `POST {url}/reports` with a bearer key and
 * `{"subject": {"creditorId", "debtorReference"}}`; 200 with
 * `{"bureau", "score", "scale": {"min", "max"}, "reportedOn", "reasonCodes"}`, 404 when it holds no
 * file. Anything else, no answer within the timeout or one larger than `maxAnswerBytes` included, is
 * CreditBureauUnavailable. Whether the
 * report's numbers make sense (the score on its scale, the date not ahead) is the domain's to say.
 */
export class HttpCreditBureau implements CreditBureau {
  constructor(private readonly settings: CreditBureauConfig) {}

  async fetchReport(subject: CreditReportSubject): Promise<BureauReport | null> {
    const response = await this.post(subject);
    if (response.status === 404) return null;
    if (!response.ok) {
      throw new CreditBureauUnavailable(`The credit bureau answered HTTP ${response.status}.`, retryAfterOf(response.headers.get('retry-after')));
    }
    const report = reportOf(await jsonWithin(response, maxAnswerBytes));
    if (!report) throw new CreditBureauUnavailable('The credit bureau answered with a report of another shape.', defaultRetryAfterSeconds);
    return report;
  }

  private async post(subject: CreditReportSubject): Promise<Response> {
    const { url, apiKey, timeoutMs } = this.settings;
    try {
      return await fetch(`${url.replace(/\/+$/, '')}/reports`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ subject: { creditorId: subject.creditorId, debtorReference: subject.debtorReference } }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      throw new CreditBureauUnavailable(
        timedOut ? `The credit bureau did not answer within ${timeoutMs} ms.` : 'The credit bureau could not be reached.',
        defaultRetryAfterSeconds,
      );
    }
  }
}

/**
 * The answer's JSON, read as it comes and given up past `limit` bytes (or when the timeout cuts it short):
 * undefined then, as for text that is not JSON.
 */
async function jsonWithin(response: Response, limit: number): Promise<unknown> {
  if (!response.body || Number(response.headers.get('content-length')) > limit) {
    await response.body?.cancel().catch(() => undefined);
    return undefined;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > limit) {
        await response.body.cancel().catch(() => undefined);
        return undefined;
      }
      chunks.push(chunk);
    }
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** Seconds to wait, from a Retry-After of seconds (its date form is read as the default). */
function retryAfterOf(header: string | null): number {
  const seconds = header === null ? NaN : Number(header);
  return Number.isInteger(seconds) && seconds >= 1 ? Math.min(seconds, maxRetryAfterSeconds) : defaultRetryAfterSeconds;
}

/** The report in the bureau's answer, if the answer has the documented shape. */
function reportOf(body: unknown): BureauReport | null {
  if (!isPlainObject(body) || !isPlainObject(body.scale)) return null;
  const { bureau, score, reportedOn, reasonCodes } = body;
  const { min, max } = body.scale;
  const numbers = [score, min, max].every((value) => typeof value === 'number');
  const codes = Array.isArray(reasonCodes) && reasonCodes.every((code) => typeof code === 'string');
  if (typeof bureau !== 'string' || !bureauName.test(bureau) || typeof reportedOn !== 'string' || !numbers || !codes) return null;
  return { bureau, score: score as number, scaleMin: min as number, scaleMax: max as number, reportedOn, reasonCodes };
}

/** A bureau's name as it may be stored and shown: letters, digits, inner spaces and a few signs, no control characters. */
const bureauName = /^[\p{L}\p{N}](?:[\p{L}\p{N} .&'-]{0,62}[\p{L}\p{N}.])?$/u;
