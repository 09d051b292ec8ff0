import type { CallerRole } from '@arrears/commands';
import type { FastifyRequest } from 'fastify';

/** Who a verified token says the caller is, and for which creditors (`*`: all) they may act. */
export interface Principal {
  id: string;
  role: CallerRole;
  creditors: readonly string[] | '*';
}

const principals = new WeakMap<FastifyRequest, Principal>();

export const attachPrincipal = (request: FastifyRequest, principal: Principal) => principals.set(request, principal);

/** The verified caller; only the auth guard's routes have one. */
export function principalOf(request: FastifyRequest): Principal {
  const principal = principals.get(request);
  if (!principal) throw new Error('No verified principal on this request: is the route public?');
  return principal;
}
