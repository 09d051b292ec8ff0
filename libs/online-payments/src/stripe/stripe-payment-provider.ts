import Stripe from 'stripe';
import type { CheckoutRequest, PaymentFact, PaymentProvider, StartedCheckout } from '../payment-provider.port';
import { WebhookSignatureInvalid } from '../payment-provider.port';
import { stripeFacts } from './stripe-facts';

/** The webhook header Stripe signs with: a timestamp and HMAC-SHA256 signatures over `timestamp.body`. */
export const stripeSignatureHeader = 'stripe-signature';

/**
 * Stripe, through hosted Checkout: the payer enters their card on Stripe's page, never ours. Each
 * session carries the account and creditor in its metadata (and its PaymentIntent's), which the
 * webhooks bring back.
 */
export class StripePaymentProvider implements PaymentProvider {
  readonly name = 'stripe' as const;
  private readonly stripe: Stripe;

  constructor(
    secretKey: string,
    private readonly webhookSecret: string,
  ) {
    // No retries of our own making: a failed start is answered 503 and the caller tries again.
    this.stripe = new Stripe(secretKey, { maxNetworkRetries: 0, timeout: 10_000 });
  }

  async startCheckout(request: CheckoutRequest): Promise<StartedCheckout> {
    const metadata = { accountId: request.accountId, creditorId: request.creditorId };
    const session = await this.stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [
        {
          quantity: 1,
          price_data: { currency: request.currency.toLowerCase(), unit_amount: request.amount, product_data: { name: request.description } },
        },
      ],
      success_url: request.successUrl,
      cancel_url: request.cancelUrl,
      client_reference_id: request.accountId,
      metadata,
      payment_intent_data: { metadata, description: request.description },
    });
    if (!session.url) throw new Error(`Stripe gave checkout session ${session.id} no URL.`);
    return { sessionId: session.id, checkoutUrl: session.url };
  }

  readWebhook(rawBody: Buffer, headers: Readonly<Record<string, string | string[] | undefined>>, now: Date): PaymentFact[] {
    const signature = headers[stripeSignatureHeader];
    if (typeof signature !== 'string' || !signature) throw new WebhookSignatureInvalid(`no ${stripeSignatureHeader} header`);
    let event: Stripe.Event;
    try {
      // Checked against our clock: a delivery older than Stripe's tolerance (5 minutes) is a replay.
      event = this.stripe.webhooks.constructEvent(rawBody, signature, this.webhookSecret, undefined, undefined, now.getTime());
    } catch (error) {
      throw new WebhookSignatureInvalid(error instanceof Error ? error.message : String(error));
    }
    return stripeFacts(event);
  }
}
