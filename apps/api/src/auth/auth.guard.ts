import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { accountNotFound, actsForEveryCreditor, requireAccountInScope, requireCreditorInScope } from '@arrears/commands';
import { idPattern } from '@arrears/domain';
import { logContextOf, ProblemException } from '@arrears/platform';
import type { FastifyRequest } from 'fastify';
import { ScrapeToken } from '../health/scrape-token';
import { PortalAccess } from '../portal/portal-access';
import { accessTo, publicRoute, scrapeRoute } from './access-matrix';
import { keepAccountAtHand } from './account-at-hand';
import { AccountCreditors } from './account-creditors';
import { attachPrincipal, type Principal } from './principal';
import { TokenVerifier } from './token-verifier';

/**
 * Every route but the public ones needs a verified bearer token (401 otherwise) whose role the
 * access matrix allows there (403 otherwise). On a route about one account, an account of a
 * creditor the token may not act for answers 404, exactly as an absent one, and so does one the log
 * does not hold (see requireRouteAccountInScope). It runs before validation, so a caller without a
 * token learns nothing about a route's body. The metrics route also takes the configured scrape token.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly tokens: TokenVerifier,
    private readonly creditors: AccountCreditors,
    private readonly scrapeToken: ScrapeToken,
    private readonly portal: PortalAccess,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const route = request.routeOptions.url ?? '';
    const access = accessTo(request.method, route);
    const log = logContextOf(request);
    log.route = `${request.method} ${route}`;
    if (access === publicRoute) return true;
    if (`${request.method} ${route}` === scrapeRoute && this.scrapeToken.allows(request.headers.authorization)) return true;
    const principal = route.startsWith(portalApiPrefix) ? await this.portalPrincipal(request) : await this.tokens.verify(request.headers.authorization);
    log.actor = { id: principal.id, role: principal.role };
    if (!access?.includes(principal.role)) {
      throw new ProblemException(403, 'ROLE_NOT_ALLOWED', 'Forbidden', `The role ${principal.role} may not call ${request.method} ${route}.`, {
        role: principal.role,
      });
    }
    await this.requireRouteAccountInScope(request, principal);
    requireBodyCreditorInScope(principal, request.body);
    attachPrincipal(request, principal);
    return true;
  }

  /**
   * The portal's routes take the portal's tokens only (the debtor of one account), and no other route
   * takes them (they are signed under another key). A staff token there is a known caller in the wrong
   * role: 403, as anywhere else.
   */
  private async portalPrincipal(request: FastifyRequest): Promise<Principal> {
    try {
      return await this.portal.admit(request);
    } catch (error) {
      const staff =
        error instanceof ProblemException && error.getStatus() === 401
          ? await this.tokens.verify(request.headers.authorization).catch(() => undefined)
          : undefined;
      if (staff) return staff;
      throw error;
    }
  }

  private async requireRouteAccountInScope(request: FastifyRequest, principal: Principal): Promise<void> {
    const { accountId } = request.params as Record<string, string | undefined>;
    if (actsForEveryCreditor(principal) || accountId === undefined) return;
    const found = await this.creditors.of(accountId);
    // An account the log does not hold answers as absent here, since no route about one account opens it and not
    // every one checks the creditor again: a read waiting for its `minPosition`, or a checkout, could otherwise
    // reach an account another creditor opened meanwhile. (A malformed id is left to its route's 400.)
    if (!found && idPattern.test(accountId)) throw accountNotFound(accountId);
    requireAccountInScope(principal, accountId, found?.creditorId);
    if (found?.document) keepAccountAtHand(request, found.document);
  }
}

/** Where the debtor's portal calls: its own tokens, never staff ones. */
const portalApiPrefix = '/portal/api/';

/**
 * A body naming a creditor (opening an account) must name one the token may act for. Checked here,
 * before anything answers: an Idempotency-Key's stored answer too is only for a caller still allowed.
 */
function requireBodyCreditorInScope(principal: Principal, body: unknown): void {
  const creditorId = (body as { creditorId?: unknown } | null | undefined)?.creditorId;
  if (typeof creditorId === 'string') requireCreditorInScope(principal, creditorId);
}
