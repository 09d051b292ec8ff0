import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CheckoutStarter } from '@arrears/online-payments';
import { ApiProblems } from '../http/api-problems.decorator';
import { IdParam } from '../http/parse-id.pipe';
import { StartCheckoutRequest } from './online-payments.requests';
import { CheckoutStartedResponse } from './online-payments.responses';

/**
 * A payment link for the debtor: an agent (or supervisor) opens a hosted checkout for an amount the
 * account owes, and sends its address. Nothing is recorded until the provider tells that it was paid.
 */
@ApiTags('online-payments')
@Controller('accounts')
export class CheckoutController {
  constructor(private readonly checkouts: CheckoutStarter) {}

  @Post(':accountId/checkout')
  @ApiOperation({ summary: 'Open a hosted checkout (a payment link) for the debtor: at most what the account owes, in its currency' })
  @ApiBearerAuth()
  @ApiProduces('application/json', 'application/problem+json')
  @ApiCreatedResponse({ type: CheckoutStartedResponse })
  @ApiProblems({
    400: 'Malformed body: one entry per bad field.',
    404: 'No such account (`ACCOUNT_NOT_FOUND`), or one of a creditor the token may not act for.',
    422: 'Refused: `AMOUNT_EXCEEDS_BALANCE`, `NOTHING_OWED`, `CURRENCY_MISMATCH`, `ACCOUNT_CLOSED`, `RETURN_URL_NOT_OURS`, `ONLINE_PAYMENT_OFF` (no PAYMENT_PROVIDER).',
    503: 'The payment provider or a store cannot be reached (`PAYMENT_PROVIDER_UNAVAILABLE`): try again after Retry-After.',
  })
  async start(@IdParam('accountId') accountId: string, @Body() request: StartCheckoutRequest): Promise<CheckoutStartedResponse> {
    const { amount, currency, description, successUrl, cancelUrl } = request;
    const order = {
      accountId,
      amount,
      currency,
      ...(description !== undefined && { description }),
      ...(successUrl !== undefined && { successUrl }),
      ...(cancelUrl !== undefined && { cancelUrl }),
    };
    return { accountId, ...(await this.checkouts.start(order)) };
  }
}
