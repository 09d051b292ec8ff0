import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CheckoutStarter } from '@arrears/online-payments';
import { APP_CONFIG, type AppConfig } from '@arrears/platform';
import { ApiProblems } from '../http/api-problems.decorator';
import { CheckoutStartedResponse } from '../online-payments/online-payments.responses';
import { portalAccountFor } from './portal-access';
import { PortalCheckoutRequest } from './portal.requests';

/**
 * The portal's Pay button: a hosted checkout for the portal token's account, through the same starter
 * as an agent's payment link (the same rules: at most what is owed, in the account's currency). The
 * debtor comes back to the portal's thank-you page, or to the portal when they give up; nothing is
 * recorded until the provider tells that the payment went through.
 */
@ApiTags('portal')
@Controller('portal/api')
export class PortalCheckoutController {
  constructor(
    private readonly checkouts: CheckoutStarter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('checkout')
  @HttpCode(201)
  @ApiOperation({ summary: 'The debtor pays online: a hosted checkout for an amount their account owes; go to its checkoutUrl' })
  @ApiCreatedResponse({ type: CheckoutStartedResponse })
  @ApiProblems({
    400: 'Malformed body: one entry per bad field.',
    422: 'Refused: `AMOUNT_EXCEEDS_BALANCE`, `NOTHING_OWED`, `ACCOUNT_CLOSED`, `ONLINE_PAYMENT_OFF` (no PAYMENT_PROVIDER).',
    503: 'The payment provider or a store cannot be reached (`PAYMENT_PROVIDER_UNAVAILABLE`): try again after Retry-After.',
  })
  async start(@Body() request: PortalCheckoutRequest, @Req() http: FastifyRequest): Promise<CheckoutStartedResponse> {
    const { account } = portalAccountFor(http);
    const started = await this.checkouts.start({
      accountId: account.accountId,
      amount: request.amount,
      currency: account.currency ?? '',
      successUrl: `${this.config.publicUrl}/portal/thanks`,
      cancelUrl: `${this.config.publicUrl}/portal/`,
    });
    return { accountId: account.accountId, ...started };
  }
}
