import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { AccountCommandService, eventOf, PortalLinks, type CommandContext, type PortalLink } from '@arrears/commands';
import { maxSecondFactorAttempts, type OpenedAccount } from '@arrears/domain';
import { ProblemException } from '@arrears/platform';
import { ApiProblems } from '../http/api-problems.decorator';
import { PortalSessions } from './portal-sessions';
import { OpenPortalRequest } from './portal-sessions.requests';
import { PortalSessionResponse } from './portal-sessions.responses';

/**
 * The portal's sign-in: the link proves the debtor holds the channel it was sent by, the postal code
 * on file is the second factor. Public: the signed link is the authority, as an opt-out link is.
 */
@ApiTags('portal')
@Controller('portal/api')
export class PortalSessionController {
  constructor(
    private readonly links: PortalLinks,
    private readonly accounts: AccountCommandService,
    private readonly sessions: PortalSessions,
  ) {}

  @Post('sessions')
  @HttpCode(201)
  @ApiOperation({ summary: 'Open the portal: a portal link and the postal code on file give a short-lived token for that account (every try is recorded)' })
  @ApiCreatedResponse({ type: PortalSessionResponse, description: 'The second factor was right: the access is recorded (PortalAccessed).' })
  @ApiProblems({
    400: 'A malformed link or postal code: one entry per bad field.',
    401: 'A link we did not sign or that was altered (`PORTAL_LINK_INVALID`), or a wrong postal code (`SECOND_FACTOR_WRONG`, with `attemptsLeft`).',
    403: 'The link expired (`PORTAL_LINK_EXPIRED`), was revoked (`PORTAL_LINK_REVOKED`) or is locked after too many wrong answers (`PORTAL_LINK_LOCKED`).',
    404: 'The link’s account does not exist (`ACCOUNT_NOT_FOUND`).',
    422: 'No postal code is on file, so the portal cannot be opened (`NO_SECOND_FACTOR`).',
  })
  async open(@Body() request: OpenPortalRequest, @Req() http: FastifyRequest): Promise<PortalSessionResponse> {
    const link = this.links.read(request.link);
    if (!link) throw new ProblemException(401, 'PORTAL_LINK_INVALID', 'Unauthorized', 'This link is not one we sent, or it was altered.');
    const outcome = await this.accounts.handle(link.accountId, openPortal(link, request.postalCode), debtorContext(http, link.accountId));
    const failed = eventOf(outcome, 'PortalSecondFactorFailed');
    if (eventOf(outcome, 'PortalLinkLocked')) {
      throw new ProblemException(403, 'PORTAL_LINK_LOCKED', 'Forbidden', 'Too many wrong answers: this link is locked. Ask us for a new one.');
    }
    if (failed) {
      const attemptsLeft = maxSecondFactorAttempts - failed.data.attempt;
      throw new ProblemException(401, 'SECOND_FACTOR_WRONG', 'Unauthorized', 'That postal code is not the one on file.', { attemptsLeft });
    }
    const account = outcome.state as OpenedAccount;
    const { token, expiresAt } = await this.sessions.mint(link, account.creditorId);
    return { token, expiresAt, accountId: link.accountId, language: account.debtor.language ?? 'en' };
  }
}

/** The command a portal sign-in sends. */
export const openPortal = (link: PortalLink, answer: string) =>
  ({ type: 'OpenPortal', data: { link: { linkId: link.linkId, issuedAt: link.issuedAt, expiresAt: link.expiresAt }, answer } }) as const;

/** The debtor, acting by a link we sent them: the link's signature is the authority, as for an opt-out. */
const debtorContext = (http: FastifyRequest, accountId: string): CommandContext => ({
  correlationId: http.id,
  causationId: randomUUID(),
  actor: { id: `debtor:${accountId}`, role: 'debtor' },
  creditors: '*',
  idempotencyKey: undefined,
  expectedRevision: undefined,
});
