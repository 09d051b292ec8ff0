import { Controller, Get, Header, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ContactPoliciesInForce } from '@arrears/commands';
import { dateIn } from '@arrears/domain';
import { Clock } from '@arrears/platform';
import { portalAccountFor } from './portal-access';
import { portalAccountView } from './portal-account.view';
import { PortalAccountResponse } from './portal.responses';
import { statementPage, statementStyleSource } from './statement.page';

/**
 * What the debtor reads on the portal, from the account's own events (not a read model), so what
 * they just did shows at once. The portal token names the account: no path names one.
 */
@ApiTags('portal')
@Controller('portal/api')
export class PortalAccountController {
  constructor(
    private readonly contactPolicies: ContactPoliciesInForce,
    private readonly clock: Clock,
  ) {}

  @Get('account')
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'The account as the debtor sees it: balance, invoices, fees and discounts, payments, promise or plan, offers, validation information',
  })
  @ApiOkResponse({ type: PortalAccountResponse })
  account(@Req() request: FastifyRequest): PortalAccountResponse {
    return portalAccountView(portalAccountFor(request), this.clock.now().toISOString(), this.contactPolicies.policies);
  }

  @Get('statement')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  @Header('content-security-policy', `default-src 'none'; style-src ${statementStyleSource}; frame-ancestors 'self'`)
  @ApiOperation({ summary: 'A printable statement of the account (HTML, in the debtor’s language; print or save it as PDF from the browser)' })
  @ApiOkResponse({ description: 'The statement.', content: { 'text/html': { schema: { type: 'string' } } } })
  statement(@Req() request: FastifyRequest): string {
    const admitted = portalAccountFor(request);
    const now = this.clock.now().toISOString();
    return statementPage(portalAccountView(admitted, now, this.contactPolicies.policies), dateIn(now, admitted.account.debtor.timeZone));
  }
}
