/** How one POST to a receiver went: delivered (a 2xx), or why not. */
export type PostOutcome = { delivered: true } | { delivered: false; error: string };

/**
 * POSTs a signed body to the receiver. Only a 2xx counts: a redirect is not followed (the receiver's
 * URL is the one a person subscribed, and a redirect could point anywhere, inside our network too),
 * and every other answer, a timeout and a connection failure are failures to retry. The answer's body
 * is not read. The error names the status or the failure, never the URL (which may carry a token).
 */
export async function postToReceiver(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  /** Ends the try at once: the worker stops, or lost its lease. */
  cancel: AbortSignal,
): Promise<PostOutcome> {
  // One controller per try, its listener removed after: AbortSignal.any would leave one behind on `cancel` per try.
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort(new DOMException('timed out', 'TimeoutError'));
  }, timeoutMs);
  const stop = () => {
    controller.abort();
  };
  cancel.addEventListener('abort', stop, { once: true });
  try {
    const response = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'user-agent': 'Arrears-Webhooks/1', ...headers },
      redirect: 'manual',
      signal: controller.signal,
    });
    await response.body?.cancel().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return { delivered: true };
    return { delivered: false, error: `the receiver answered ${response.status}` };
  } catch (error) {
    return { delivered: false, error: failureText(error, timeoutMs) };
  } finally {
    clearTimeout(timer);
    cancel.removeEventListener('abort', stop);
  }
}

function failureText(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no answer within ${timeoutMs} ms`;
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const reason = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return `the receiver could not be reached (${reason})`.slice(0, 300);
}
