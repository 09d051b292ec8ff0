import { request as httpRequest, type ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { addressLiteralOf, isPublicAddress, publicOnlyLookup } from './receiver-address';

/** How one POST to a receiver went: delivered (a 2xx), or why not. */
export type PostOutcome = { delivered: true } | { delivered: false; error: string };

export interface ReceiverPost {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** Whether the receiver may be on this machine or a private network (WEBHOOK_ALLOW_PRIVATE_RECEIVERS). */
  allowPrivate: boolean;
}

/**
 * POSTs a signed body to the receiver. Only a 2xx counts: a redirect is not followed (the receiver's
 * URL is the one a person subscribed, and a redirect could point anywhere, inside our network too),
 * and every other answer, a timeout and a connection failure are failures to retry. Unless private
 * receivers are allowed, an address not public is refused before anything is sent (receiver-address.ts).
 * The answer's body is not read. The error names the status or the failure, never the URL (which may carry a token).
 */
export async function postToReceiver(post: ReceiverPost, cancel: AbortSignal): Promise<PostOutcome> {
  const url = new URL(post.url);
  const literal = addressLiteralOf(url);
  if (!post.allowPrivate && literal !== null && !isPublicAddress(literal)) return { delivered: false, error: notPublic };
  // One controller per try, its listener removed after: AbortSignal.any would leave one behind on `cancel` per try.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, post.timeoutMs);
  const stop = () => {
    controller.abort();
  };
  cancel.addEventListener('abort', stop, { once: true });
  try {
    return await new Promise<PostOutcome>((resolve) => {
      const request = send(url, post, controller.signal, (status) => {
        resolve(status >= 200 && status < 300 ? { delivered: true } : { delivered: false, error: `the receiver answered ${status}` });
      });
      request.on('error', (error: NodeJS.ErrnoException) => {
        resolve({ delivered: false, error: failureText(error, timedOut, post.timeoutMs) });
      });
      request.end(post.body);
    });
  } finally {
    clearTimeout(timer);
    cancel.removeEventListener('abort', stop);
  }
}

function send(url: URL, post: ReceiverPost, signal: AbortSignal, answered: (status: number) => void): ClientRequest {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const headers = { 'content-type': 'application/json', 'user-agent': 'Arrears-Webhooks/1', ...post.headers };
  return request(url, { method: 'POST', headers, signal, ...(!post.allowPrivate && { lookup: publicOnlyLookup }) }, (response) => {
    // Drained unread, so that the connection can carry the next try.
    response.resume();
    answered(response.statusCode ?? 0);
  });
}

const notPublic = 'the receiver’s address is not public: private receivers need WEBHOOK_ALLOW_PRIVATE_RECEIVERS=true';

function failureText(error: NodeJS.ErrnoException, timedOut: boolean, timeoutMs: number): string {
  if (timedOut) return `no answer within ${timeoutMs} ms`;
  if (error.code === 'ENOTPUBLIC') return notPublic;
  return `the receiver could not be reached (${error.code ?? error.message})`.slice(0, 300);
}
