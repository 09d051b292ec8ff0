import { createHash } from 'node:crypto';
import { DuplicateEventIdError, type EventStore } from '@arrears/event-store';
import { nameBasedUuid, type Clock } from '@arrears/platform';
import type { PaymentFact, PaymentProviderName } from './payment-provider.port';

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
const heldReversalType = 'OnlinePaymentReversalHeld';

/** A reversal (refund, lost dispute) of a payment not told yet, as the provider told it. */
export type HeldReversal = Extract<PaymentFact, { kind: 'payment_reversed' }>;

/**
 * The account each provider payment is for, kept as a one-event stream per payment in the event store
 * itself (as Idempotency-Keys are on EventStoreDB). A refund or a dispute names only the payment: this
 * finds its account, at once and on every event store. A payment is linked before it is recorded, so
 * a recorded payment is always found; the first link of a payment is the one that holds. The stream
 * also keeps the account's refusal of the payment, and reversals told before the payment.
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
      // At any revision, since a reversal held for the payment may come first. Its id keeps racing tellings to one
      // link where the store refuses a known id (PostgreSQL); where it may keep both, the first found holds.
      await this.append(streamId, linkedType, { provider, paymentId, ...link }, link.creditorId, correlationId);
    } catch (error) {
      if (!(error instanceof DuplicateEventIdError)) throw error;
    }
    return (await this.find(provider, paymentId)) ?? link;
  }

  /** Notes that the account refused the payment (another currency): told again, it is refused again. */
  async refused(provider: PaymentProviderName, paymentId: string, link: PaymentLink, code: string, correlationId: string): Promise<void> {
    try {
      await this.append(streamOf(provider, paymentId), refusedType, { code }, link.creditorId, correlationId);
    } catch (error) {
      // Refused before: the first refusal holds.
      if (!(error instanceof DuplicateEventIdError)) throw error;
    }
  }

  /** The account the payment was linked to; undefined before its success was told. */
  async find(provider: PaymentProviderName, paymentId: string): Promise<FoundLink | undefined> {
    const events = await this.store.readStream(streamOf(provider, paymentId));
    const linked = events.find((event) => event.type === linkedType);
    if (!linked) return undefined;
    const { accountId, creditorId } = linked.data as { accountId: string; creditorId: string };
    const refusal = events.find((event) => event.type === refusedType)?.data.code;
    return { accountId, creditorId, ...(typeof refusal === 'string' && { refused: refusal }) };
  }

  /**
   * Keeps a reversal of a payment not told yet, for the payment's telling to take (see heldReversals): a
   * provider may deliver a refund long before the payment, after an outage. Told again, it is kept once.
   */
  async holdReversal(provider: PaymentProviderName, reversal: HeldReversal, correlationId: string): Promise<void> {
    try {
      await this.append(streamOf(provider, reversal.paymentId), heldReversalType, { ...reversal }, '', correlationId, reversal.reversalId);
    } catch (error) {
      if (!(error instanceof DuplicateEventIdError)) throw error;
    }
  }

  /** The reversals held for the payment, in the order they came. */
  async heldReversals(provider: PaymentProviderName, paymentId: string): Promise<HeldReversal[]> {
    const events = await this.store.readStream(streamOf(provider, paymentId));
    return events.filter((event) => event.type === heldReversalType).map((event) => event.data as unknown as HeldReversal);
  }

  /** Appends at any revision; `key` tells apart the events of one type a stream may hold several of. */
  private async append(streamId: string, type: string, data: Record<string, unknown>, creditorId: string, correlationId: string, key = '') {
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
    // The link's id derives from its stream, so that two racing first tellings append it once; the others' likewise.
    const id = type === linkedType ? nameBasedUuid(streamId) : nameBasedUuid(`${streamId}|${type}${key && `|${key}`}`);
    await this.store.append(streamId, [{ id, type, data, metadata }], { expectedRevision: 'any' });
  }
}

/** Hashed, so that whatever a provider's ids look like, stream names stay plain. */
const streamOf = (provider: PaymentProviderName, paymentId: string) =>
  `online-payment-${createHash('sha256').update(`${provider}|${paymentId}`).digest('hex')}`;
