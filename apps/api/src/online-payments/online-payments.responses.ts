import { ApiProperty } from '@nestjs/swagger';
import { paymentProviderNames } from '@arrears/online-payments';

export class CheckoutStartedResponse {
  @ApiProperty({ example: 'acc-1' }) accountId!: string;
  @ApiProperty({ enum: paymentProviderNames, example: 'stripe', description: 'Who hosts the payment page (PAYMENT_PROVIDER).' })
  provider!: string;
  @ApiProperty({ example: 'cs_test_a1b2c3', description: 'The provider’s id of the checkout session.' }) sessionId!: string;
  @ApiProperty({ format: 'uri', example: 'https://checkout.stripe.com/c/pay/cs_test_a1b2c3', description: 'The hosted payment page: send it to the debtor.' })
  checkoutUrl!: string;
  @ApiProperty({ type: 'integer', example: 5000 }) amount!: number;
  @ApiProperty({ example: 'USD' }) currency!: string;
}

class FactOutcomeLine {
  @ApiProperty({ example: 'pi_3PqY8x2eZvKYlo2C1' }) paymentId!: string;
  @ApiProperty({
    enum: ['recorded', 'already_recorded', 'held', 'refused'],
    description:
      '`held`: a reversal of a payment not told within an hour of it, kept to be taken when the payment is told. `refused`: the account’s rules refused it (the code says why); it is logged, not recorded, and not worth delivering again.',
  })
  outcome!: string;
  @ApiProperty({ required: false, example: 'ACCOUNT_CLOSED' }) code?: string;
  @ApiProperty({ required: false }) message?: string;
}

export class WebhookReceivedResponse {
  @ApiProperty({ type: [FactOutcomeLine], description: 'What became of each fact the delivery told, in order; empty for an event Arrears does not act on.' })
  outcomes!: FactOutcomeLine[];
}
