import { Injectable, Logger } from '@nestjs/common';
import { notFound } from '@arrears/domain';
import { PaymentWebhooks, WebhookSignatureInvalid, type PaymentProviderName, type WebhookReceipt } from '@arrears/online-payments';
import { Clock, ProblemException } from '@arrears/platform';

/** How long a provider is asked to wait before delivering a deferred fact again. */
const deferredRetryAfterSeconds = 60;

/**
 * One path for what every provider tells (the test provider's Pay button included), in HTTP's words:
 * a bad signature is 400 and nothing is believed; a fact deferred (a refund of a payment not told
 * yet) is 503 with Retry-After, so the provider delivers it again later; a fact the account refuses
 * is logged and acknowledged, since delivering it again cannot help.
 */
@Injectable()
export class WebhookReception {
  private readonly logger = new Logger('OnlinePayments');

  constructor(
    private readonly webhooks: PaymentWebhooks,
    private readonly clock: Clock,
  ) {}

  async receive(
    provider: PaymentProviderName,
    rawBody: Buffer,
    headers: Readonly<Record<string, string | string[] | undefined>>,
    correlationId: string,
  ): Promise<WebhookReceipt> {
    if (!this.webhooks.takes(provider)) throw notFound('PAYMENT_PROVIDER_NOT_CONFIGURED', `Online payment here is not through ${provider}.`);
    let receipt: WebhookReceipt;
    try {
      receipt = await this.webhooks.receive(rawBody, headers, this.clock.now(), correlationId);
    } catch (error) {
      if (!(error instanceof WebhookSignatureInvalid)) throw error;
      throw new ProblemException(400, 'WEBHOOK_SIGNATURE_INVALID', 'The request is malformed', error.message);
    }
    for (const outcome of receipt.outcomes) {
      if (outcome.outcome === 'refused')
        this.logger.error(`The ${provider} payment ${outcome.paymentId} was not recorded (${outcome.code}): ${outcome.message}`);
      // A reversal of a payment never told may be one of the provider's other payments, or a payment lost on the way.
      if (outcome.outcome === 'held') this.logger.warn(`A ${provider} reversal is held: ${outcome.reason}`);
    }
    const deferred = receipt.outcomes.find((outcome) => outcome.outcome === 'deferred');
    if (deferred?.outcome === 'deferred') {
      throw new ProblemException(
        503,
        'PAYMENT_NOT_YET_KNOWN',
        'Service unavailable',
        deferred.reason,
        { paymentId: deferred.paymentId },
        {
          'retry-after': String(deferredRetryAfterSeconds),
        },
      );
    }
    return receipt;
  }
}
