import createClient from 'openapi-fetch';
import type { components, paths } from '../../console/src/api/openapi';
import { ApiProblem, problemFrom } from '../../console/src/api/problem';

export type PortalAccount = components['schemas']['PortalAccountResponse'];

/** The portal's token, in this page's memory only: a reload asks the second factor again. */
let token: string | null = null;
export const setToken = (value: string | null) => {
  token = value;
};

/** The API, typed from the same OpenAPI document as the console's client. */
export const api = createClient<paths, `${string}/json`>({ baseUrl: window.location.origin });
api.use({
  onRequest({ request }) {
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
});

/** The answer's data, or an ApiProblem with the service's problem details (its `code` is the refusal's). */
export function answer<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) throw new ApiProblem(problemFrom(result.response.status, result.error));
  return result.data as T;
}

/** A fresh id for what the debtor creates (a promise, a dispute): a retry of the same click sends the same one. */
export const newId = (prefix: string) => `${prefix}-${crypto.randomUUID()}`;

/**
 * Pay: POST /portal/api/checkout opens a hosted checkout with the payment provider for the portal's
 * account and answers its URL; the provider sends the debtor back to /portal/thanks, or to /portal when
 * they give up (see docs/portal.md). Null where the service takes no payment online (`ONLINE_PAYMENT_OFF`).
 */
export async function startCheckout(amount: number): Promise<string | null> {
  const result = await api.POST('/portal/api/checkout', { body: { amount } });
  if ((result.error as { code?: string } | undefined)?.code === 'ONLINE_PAYMENT_OFF') return null;
  return answer(result).checkoutUrl;
}

/** The printable statement, opened in a new tab from this page's memory (it needs the token). */
export async function openStatement(): Promise<void> {
  const response = await fetch('/portal/api/statement', { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw new ApiProblem(problemFrom(response.status, await response.json().catch(() => null)));
  const url = URL.createObjectURL(new Blob([await response.text()], { type: 'text/html' }));
  window.open(url, '_blank', 'noopener');
}
