import { Controller, Get, Header, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { AccountCommandService, OptOutLinks, optOutTokenPattern, type CommandContext, type OptOut } from '@arrears/commands';
import { DomainError, notFound } from '@arrears/domain';
import { ValidationProblem } from '@arrears/platform';
import { ApiProblems } from '../http/api-problems.decorator';
import { confirmationPage, optedOutPage } from './opt-out.page';

const html = 'text/html; charset=utf-8';
const htmlPage = { 'text/html': { schema: { type: 'string' } } };

/**
 * The opt-out link every e-mail and text carries (12 CFR 1006.6(e)): opening it shows a confirmation
 * and changes nothing; confirming blocks that medium for that account, as the debtor's own request,
 * through the same command an agent uses. No token: the signed link is the debtor's authority.
 */
@ApiTags('notices')
@ApiProblems({
  400: 'A malformed link (`VALIDATION_FAILED`).',
  404: 'A link we did not sign, or altered (`OPT_OUT_LINK_NOT_FOUND`), or for an account that does not exist.',
})
@Controller('opt-out')
export class OptOutController {
  constructor(
    private readonly links: OptOutLinks,
    private readonly accounts: AccountCommandService,
  ) {}

  @Get(':token')
  @Header('content-type', html)
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'The opt-out confirmation page (HTML): changes nothing, since link scanners open links by themselves' })
  @ApiOkResponse({ description: 'The page, with a button that confirms.', content: htmlPage })
  confirm(@Param('token') token: string): string {
    return confirmationPage(this.read(token));
  }

  @Post(':token')
  @HttpCode(200)
  @Header('content-type', html)
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'Opt out: blocks the link’s medium (e-mail or SMS) for the link’s account, as the debtor asked; again changes nothing' })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ required: false, description: 'The page’s form, empty: nothing in it is read.', schema: { type: 'object' } })
  @ApiOkResponse({ description: 'The medium is blocked (now or before): a page that says so.', content: htmlPage })
  async optOut(@Param('token') token: string, @Req() request: FastifyRequest): Promise<string> {
    const optOut = this.read(token);
    const context: CommandContext = {
      correlationId: request.id,
      causationId: randomUUID(),
      actor: { id: 'debtor', role: 'debtor' },
      creditors: '*',
      idempotencyKey: undefined,
      expectedRevision: undefined,
    };
    try {
      await this.accounts.handle(optOut.accountId, { type: 'BlockChannel', data: { channel: optOut.channel } }, context);
    } catch (error) {
      // Opting out twice (a second click, a blocked medium) is the same request, answered the same.
      if (!(error instanceof DomainError && error.code === 'CHANNEL_ALREADY_BLOCKED')) throw error;
    }
    return optedOutPage(optOut);
  }

  private read(token: string): OptOut {
    if (!optOutTokenPattern.test(token)) throw new ValidationProblem([{ field: 'token', messages: ['token must be an opt-out link’s token, as sent'] }]);
    const optOut = this.links.read(token);
    if (!optOut) throw notFound('OPT_OUT_LINK_NOT_FOUND', 'This opt-out link is not one we sent, or it was altered.');
    return optOut;
  }
}
