import { createHash } from 'node:crypto';
import { DuplicateEventIdError, WrongExpectedVersionError, type EventStore } from '@arrears/event-store';
import { nameBasedUuid, type Clock } from '@arrears/platform';
import type { PaymentProviderName } from './payment-provider.port';

/** Which account a provider's payment was for. */
export interface PaymentLink {
  accountId: string;
  creditorId: string;
}

const linkedType = 'OnlinePaymentLinked';

/**
 * The account each provider payment is for, kept as a one-event stream per payment in the event store
 * itself (as Idempotency-Keys are on EventStoreDB). A refund or a dispute names only the payment: this
 * finds its account, at once and on every event store. A payment is linked before it is recorded, so
 * a recorded payment is always found; the first link of a payment is the one that holds.
 */
export class PaymentLinks {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  /** Links the payment to the account unless it already is linked; the link that holds. */
  async link(provider: PaymentProviderName, paymentId: string, link: PaymentLink, correlationId: string): Promise<PaymentLink> {
    const now = this.clock.now().toISOString();
    const streamId = streamOf(provider, paymentId);
    try {
      await this.store.append(
        streamId,
        [
          {
            id: nameBasedUuid(streamId),
            type: linkedType,
            data: { provider, paymentId, ...link },
            metadata: {
              correlationId,
              causationId: correlationId,
              actor: { id: provider, role: 'system' },
              occurredAt: now,
              recordedAt: now,
              schemaVersion: 1,
              creditorId: link.creditorId,
            },
          },
        ],
        { expectedRevision: 'no_stream' },
      );
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError || error instanceof DuplicateEventIdError)) throw error;
    }
    return (await this.find(provider, paymentId)) ?? link;
  }

  /** The account the payment was linked to; undefined before its success was told. */
  async find(provider: PaymentProviderName, paymentId: string): Promise<PaymentLink | undefined> {
    const [first] = await this.store.readStream(streamOf(provider, paymentId), { maxCount: 1 });
    if (!first) return undefined;
    const { accountId, creditorId } = first.data as { accountId: string; creditorId: string };
    return { accountId, creditorId };
  }
}

/** Hashed, so that whatever a provider's ids look like, stream names stay plain. */
const streamOf = (provider: PaymentProviderName, paymentId: string) =>
  `online-payment-${createHash('sha256').update(`${provider}|${paymentId}`).digest('hex')}`;
