import createClient from 'openapi-fetch';
import type { paths } from './openapi';
import { ApiProblem, problemFrom } from './problem';
import { sessionExpired, storedSession } from '../shared/session';
import { announce } from '../shared/notices';

/** How often a read that the read model has not caught up with is asked again before the view shows the error. */
const behindRetries = 8;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A 503 READ_MODEL_BEHIND means the read model has not yet applied a change this tab just made: it is
 * asked again after Retry-After, with a visible notice meanwhile.
 */
async function fetchRetryingBehind(request: Request): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(request.clone());
    if (response.status !== 503 || attempt >= behindRetries) return settle(response);
    const body = (await response
      .clone()
      .json()
      .catch(() => null)) as { code?: string } | null;
    if (body?.code !== 'READ_MODEL_BEHIND') return settle(response);
    announce('The figures are catching up with the latest changes; asking again…');
    await sleep(1000 * Number(response.headers.get('retry-after') ?? 1));
  }
}

function settle(response: Response): Response {
  announce(null);
  return response;
}

/**
 * The API, typed from its OpenAPI document (openapi.d.ts is generated from it by `npm run build`). Its
 * answers are typed as JSON, as openapi-fetch reads them unless a call asks otherwise (the CSV download
 * asks for text); where a route also offers CSV, the JSON is what the console reads.
 */
export const api = createClient<paths, `${string}/json`>({ baseUrl: window.location.origin, fetch: fetchRetryingBehind });

api.use({
  onRequest({ request }) {
    const session = storedSession();
    if (session) request.headers.set('authorization', `Bearer ${session.token}`);
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401) sessionExpired(request.headers.get('authorization')?.replace(/^Bearer /, '') ?? null);
    return response;
  },
});

/** The highest position a command of this tab answered with: reads ask for at least it, so they show that change. */
let seen = 0;

/** The query that makes a read wait for this tab's last change (nothing before the first). */
export const sinceLastChange = (): { minPosition?: string } => (seen > 0 ? { minPosition: String(seen) } : {});

/** The answer's data, or an ApiProblem with the service's problem details. */
export function answer<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) throw new ApiProblem(problemFrom(result.response.status, result.error));
  const data = result.data as T;
  const position = (data as { position?: unknown } | undefined)?.position;
  if (typeof position === 'number' && position > seen) seen = position;
  return data;
}
