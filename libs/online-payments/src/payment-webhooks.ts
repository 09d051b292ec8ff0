import type { PaymentFactsRecorder, FactOutcome } from './payment-facts.recorder';
import type { PaymentProvider, PaymentProviderName } from './payment-provider.port';

/** What a delivery did: the outcome of each fact in it, in order. */
export interface WebhookReceipt {
  outcomes: FactOutcome[];
}

/**
 * One path for every provider's webhooks, the test provider's Pay button included: verify the
 * signature over the raw body (WebhookSignatureInvalid: nothing is believed, nothing appended), read
 * the facts, record each in order. A fact that is deferred leaves the delivery to be retried; the facts
 * before it are recorded, and recording them again on the retry changes nothing.
 */
export class PaymentWebhooks {
  constructor(
    private readonly provider: PaymentProvider | null,
    private readonly recorder: PaymentFactsRecorder | null,
  ) {}

  /** Whether `name` is the configured provider, whose webhooks are taken. */
  takes(name: PaymentProviderName): boolean {
    return this.provider?.name === name;
  }

  async receive(rawBody: Buffer, headers: Readonly<Record<string, string | string[] | undefined>>, now: Date, correlationId: string): Promise<WebhookReceipt> {
    if (!this.provider || !this.recorder) return { outcomes: [] };
    const facts = this.provider.readWebhook(rawBody, headers, now);
    const outcomes: FactOutcome[] = [];
    for (const fact of facts) {
      const recorded = await this.recorder.record(fact, correlationId);
      outcomes.push(...recorded);
      if (recorded.some(({ outcome }) => outcome === 'deferred')) break;
    }
    return { outcomes };
  }
}
