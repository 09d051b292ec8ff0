import { PermanentDeliveryError } from './notification.port';

/** A provider's HTTP API: where it is, how to authenticate, and how long to wait for its answer. */
export interface ProviderEndpoint {
  /** The provider's name in errors (`Twilio`, `print-and-mail`). */
  name: string;
  username: string;
  password: string;
  timeoutMs: number;
}

/**
 * 4xx answers that trying again can fix: the credentials being put right (401, 403), a timeout or a
 * conflict on the provider's side (408, 409), a rate limit (429). Every other 4xx says the request
 * itself is wrong (an invalid number, a missing address line): sent again, it fails again.
 */
const passing4xx = new Set([401, 403, 408, 409, 425, 429]);

/**
 * POSTs to a provider with HTTP Basic auth and returns its JSON answer. A refusal becomes an error
 * naming the provider, the status and the provider's own code and message (`errorOf` reads them from
 * its error body); a permanent one (see passing4xx) a PermanentDeliveryError. No answer within
 * `timeoutMs`, or a connection that fails, is an ordinary (retried) error.
 */
export async function postToProvider(
  endpoint: ProviderEndpoint,
  url: string,
  request: { body: string; contentType: string; headers?: Record<string, string> },
  errorOf: (body: unknown) => { code: string | number | undefined; message: string | undefined },
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${endpoint.username}:${endpoint.password}`).toString('base64')}`,
        'content-type': request.contentType,
        accept: 'application/json',
        ...request.headers,
      },
      body: request.body,
      signal: AbortSignal.timeout(endpoint.timeoutMs),
    });
  } catch (error) {
    throw new Error(`${endpoint.name} did not answer: ${reasonOf(error, endpoint.timeoutMs)}`, { cause: error });
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) return body;
  const { code, message } = errorOf(body);
  const detail = [code !== undefined && `code ${code}`, message].filter(Boolean).join(': ');
  const text = `${endpoint.name} refused the message (HTTP ${response.status}${detail ? `, ${detail}` : ''})`;
  throw response.status >= 400 && response.status < 500 && !passing4xx.has(response.status) ? new PermanentDeliveryError(text) : new Error(text);
}

function reasonOf(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.message) return cause.code ? `${cause.message} (${cause.code})` : cause.message;
  return cause?.code ?? (error instanceof Error ? error.message : String(error));
}
