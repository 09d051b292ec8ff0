import { createHash } from 'node:crypto';
import { DuplicateEventIdError, WrongExpectedVersionError, type EventStore } from '@arrears/event-store';
import { nameBasedUuid, type Clock } from '@arrears/platform';
import type { PaymentProviderName } from './payment-provider.port';

/** Which account a provider's payment was for. */
export interface PaymentLink {
  accountId: string;
  creditorId: string;
}

/** The link, and, when the account refused the payment, the refusal's code: a reversal of it has nothing to reverse. */
export interface FoundLink extends PaymentLink {
  refused?: string;
}

const linkedType = 'OnlinePaymentLinked';
const refusedType = 'OnlinePaymentRefused';

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
    const streamId = streamOf(provider, paymentId);
    try {
      await this.append(streamId, linkedType, { provider, paymentId, ...link }, link.creditorId, correlationId, 'no_stream');
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError || error instanceof DuplicateEventIdError)) throw error;
    }
    return (await this.find(provider, paymentId)) ?? link;
  }

  /** Notes that the account refused the payment (a closed account, another currency): told again, it is refused again. */
  async refused(provider: PaymentProviderName, paymentId: string, link: PaymentLink, code: string, correlationId: string): Promise<void> {
    try {
      await this.append(streamOf(provider, paymentId), refusedType, { code }, link.creditorId, correlationId, 'any');
    } catch (error) {
      // Refused before: the first refusal holds.
      if (!(error instanceof DuplicateEventIdError)) throw error;
    }
  }

  /** The account the payment was linked to; undefined before its success was told. */
  async find(provider: PaymentProviderName, paymentId: string): Promise<FoundLink | undefined> {
    const [first, ...rest] = await this.store.readStream(streamOf(provider, paymentId));
    if (!first) return undefined;
    const { accountId, creditorId } = first.data as { accountId: string; creditorId: string };
    const refusal = rest.find((event) => event.type === refusedType)?.data.code;
    return { accountId, creditorId, ...(typeof refusal === 'string' && { refused: refusal }) };
  }

  private async append(
    streamId: string,
    type: string,
    data: Record<string, unknown>,
    creditorId: string,
    correlationId: string,
    expectedRevision: 'no_stream' | 'any',
  ) {
    const now = this.clock.now().toISOString();
    const metadata = {
      correlationId,
      causationId: correlationId,
      actor: { id: 'online-payments', role: 'system' },
      occurredAt: now,
      recordedAt: now,
      schemaVersion: 1,
      creditorId,
    };
    // The link's id derives from its stream, so that two racing first tellings append it once.
    const id = type === linkedType ? nameBasedUuid(streamId) : nameBasedUuid(`${streamId}|${type}`);
    await this.store.append(streamId, [{ id, type, data, metadata }], { expectedRevision });
  }
}

/** Hashed, so that whatever a provider's ids look like, stream names stay plain. */
const streamOf = (provider: PaymentProviderName, paymentId: string) =>
  `online-payment-${createHash('sha256').update(`${provider}|${paymentId}`).digest('hex')}`;
