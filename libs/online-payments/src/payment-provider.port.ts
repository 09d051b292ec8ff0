import type { ReversalReason } from '@arrears/domain';

/** Nest injection token of the configured PaymentProvider. */
export const PAYMENT_PROVIDER = Symbol('PaymentProvider');

/** The providers Arrears can take payments through (`PAYMENT_PROVIDER`). */
export const paymentProviderNames = ['test', 'stripe'] as const;
export type PaymentProviderName = (typeof paymentProviderNames)[number];

/** A payment page to open for one account: the provider's hosted checkout, so card data never reaches Arrears. */
export interface CheckoutRequest {
  accountId: string;
  creditorId: string;
  /** Integer minor units of `currency`. */
  amount: number;
  currency: string;
  /** What the payer reads on the payment page. */
  description: string;
  /** Where the payer's browser goes after paying, and after giving up. */
  successUrl: string;
  cancelUrl: string;
}

export interface StartedCheckout {
  /** The provider's id of the checkout session. */
  sessionId: string;
  /** The hosted payment page to send the payer to. */
  checkoutUrl: string;
}

/**
 * What a provider's webhook says happened, in Arrears' words. `paymentId` is the provider's id of
 * the payment (a Stripe PaymentIntent's): the account's payment id, so that a fact told twice is
 * recorded once. `at` is the instant the provider says it happened.
 */
export type PaymentFact =
  | { kind: 'payment_succeeded'; paymentId: string; accountId: string; creditorId: string; amount: number; currency: string; at: string }
  | { kind: 'payment_reversed'; reason: ReversalReason; reversalId: string; paymentId: string; amount: number; currency: string; at: string };

/** A webhook whose signature does not hold: answered 400, and nothing of it is believed. */
export class WebhookSignatureInvalid extends Error {
  constructor(reason: string) {
    super(`The webhook's signature does not hold: ${reason}`);
    this.name = 'WebhookSignatureInvalid';
  }
}

/** The payment-provider port: hosted checkout out, signed webhooks in. */
export interface PaymentProvider {
  readonly name: PaymentProviderName;
  /** Opens a hosted checkout; fails (a network or provider error) without side effects on Arrears. */
  startCheckout(request: CheckoutRequest): Promise<StartedCheckout>;
  /**
   * Verifies a webhook over its raw body (the exact bytes received) and headers, at `now`, and reads the
   * facts in it; an event the port does not care about gives none. Throws WebhookSignatureInvalid.
   */
  readWebhook(rawBody: Buffer, headers: Readonly<Record<string, string | string[] | undefined>>, now: Date): PaymentFact[];
}
