import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccountCommandService, eventOf, PortalLinks, type CommandContext } from '@arrears/commands';
import { Clock, IdGenerator } from '@arrears/platform';
import { Context } from '../command-handling/command-context';
import { receiptOf } from '../command-handling/command-receipt';
import { ApiProblems } from '../http/api-problems.decorator';
import { OptionalBodyPipe } from '../http/optional-body.pipe';
import { IdParam } from '../http/parse-id.pipe';
import { IssuePortalLinkRequest } from './portal-sessions.requests';
import { PortalLinkIssuedResponse } from './portal-sessions.responses';

/** A supervisor mints a portal link for one account, to send the debtor by a channel of their choosing. */
@ApiTags('portal')
@Controller('accounts')
export class PortalLinksController {
  constructor(
    private readonly links: PortalLinks,
    private readonly accounts: AccountCommandService,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  @Post(':accountId/portal-links')
  @HttpCode(201)
  @ApiOperation({ summary: 'Mint a signed, expiring portal link for the account (recorded as PortalLinkIssued; revoke it with …/portal-links/revoke)' })
  @ApiCreatedResponse({ type: PortalLinkIssuedResponse, description: 'The link, and where its event landed.' })
  @ApiProblems({
    400: 'Malformed request: one entry per bad field.',
    404: 'Unknown account, or one of a creditor the token may not act for.',
    409: 'The account kept changing while the link was recorded, or its history holds an event that cannot be opened (`HISTORY_UNREADABLE`).',
  })
  async issue(
    @IdParam('accountId') accountId: string,
    @Body(OptionalBodyPipe) request: IssuePortalLinkRequest,
    @Context() context: CommandContext,
  ): Promise<PortalLinkIssuedResponse> {
    const minted = this.links.issue(accountId, this.ids.uuid(), this.clock.now(), request.days);
    const outcome = await this.accounts.handle(
      accountId,
      { type: 'IssuePortalLink', data: { linkId: minted.linkId, issuedAt: minted.issuedAt, expiresAt: minted.expiresAt } },
      context,
    );
    // A retry under the same Idempotency-Key recalls the first outcome: answer with the link it recorded, never the
    // one minted for the retry, which is on no record and so could not be revoked.
    const issued = eventOf(outcome, 'PortalLinkIssued');
    const link = issued ? this.links.recorded(accountId, issued.data, request.days) : minted;
    return { ...receiptOf(outcome), linkId: link.linkId, url: this.links.linkFor(link), expiresAt: link.expiresAt };
  }
}
