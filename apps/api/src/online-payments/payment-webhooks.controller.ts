import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { stripeEventTypes } from '@arrears/online-payments';
import { ApiProblems } from '../http/api-problems.decorator';
import { WebhookReceivedResponse } from './online-payments.responses';
import { rawBodyOf } from './webhook-body';
import { WebhookReception } from './webhook-reception';

/** The payment provider's webhooks: public, since the signature over the raw body is the authority. */
@ApiTags('online-payments')
@Controller('online-payments')
export class PaymentWebhooksController {
  constructor(private readonly reception: WebhookReception) {}

  @Post('stripe/webhook')
  @HttpCode(200)
  @ApiOperation({
    summary: `Stripe's webhook (PAYMENT_PROVIDER=stripe) for ${stripeEventTypes.join(', ')}: a paid session is PaymentReceived once; a refund or a lost dispute is PaymentReversed`,
  })
  @ApiHeader({ name: 'Stripe-Signature', required: true, description: 'Stripe’s signature over the raw body, under STRIPE_WEBHOOK_SECRET.' })
  @ApiBody({ description: 'A Stripe event, as Stripe sends it.', schema: { type: 'object' } })
  @ApiOkResponse({ type: WebhookReceivedResponse, description: 'Taken: each fact recorded, already recorded, or refused by the account (and logged).' })
  @ApiProblems({
    400: 'The signature is missing, does not hold, or is too old (`WEBHOOK_SIGNATURE_INVALID`): nothing is recorded.',
    404: 'Online payment here is not through Stripe (`PAYMENT_PROVIDER_NOT_CONFIGURED`).',
    503: 'It reverses a payment not told yet (`PAYMENT_NOT_YET_KNOWN`), or a store cannot be reached: deliver it again after Retry-After.',
  })
  async stripe(@Req() request: FastifyRequest): Promise<WebhookReceivedResponse> {
    return this.reception.receive('stripe', rawBodyOf(request) ?? Buffer.alloc(0), request.headers, request.id);
  }
}
