import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { isCurrencyCode, isId, isPositiveMinorUnits } from '@arrears/domain';
import type { ChainKey, EventStore } from '@arrears/event-store';
import { nameBasedUuid } from '@arrears/platform';
import { WebhookSignatureInvalid, type CheckoutRequest, type PaymentFact, type PaymentProvider, type StartedCheckout } from '../payment-provider.port';

/** The path of the test provider's hosted checkout page, under PUBLIC_URL. */
export const testCheckoutPath = '/online-payments/test-checkout/';
/** The header the test provider signs its webhooks with, as Stripe does: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`. */
export const testSignatureHeader = 'arrears-test-signature';
/** What a session id looks like: anything else is malformed, not merely unknown. */
export const testSessionPattern = /^tcs_[0-9a-f]{32}$/;

/** How long a checkout session can be paid, as Stripe's default. */
const sessionTtlMs = 24 * 3600 * 1000;
/** How old a webhook may be before it is a replay, as Stripe's tolerance. */
const toleranceSeconds = 300;

/** A test checkout session, as its id carries it. */
export interface TestSession extends CheckoutRequest {
  expiresAt: string;
}

/**
 * The built-in test provider, for the embedded default and tests: its hosted checkout page is served
 * by this service (see TestCheckoutController) and takes no card at all, only Pay or Decline. Each
 * session is kept as a one-event stream in the event store (as a provider keeps its sessions; a
 * random id, so it cannot be guessed), and paying it emits a webhook signed under a key derived
 * from the chain key's secret, read by the same path as Stripe's. Refused when NODE_ENV=production
 * (see the configuration).
 */
export class TestPaymentProvider implements PaymentProvider {
  readonly name = 'test' as const;
  private readonly key: Buffer;

  constructor(
    chainKey: ChainKey,
    private readonly store: EventStore,
    private readonly publicUrl: string,
    private readonly now: () => Date,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', chainKey.secret, '', 'arrears test payment provider', 32));
  }

  async startCheckout(request: CheckoutRequest): Promise<StartedCheckout> {
    const now = this.now();
    const sessionId = `tcs_${randomBytes(16).toString('hex')}`;
    const session: TestSession = { ...request, expiresAt: new Date(now.getTime() + sessionTtlMs).toISOString() };
    const at = now.toISOString();
    const metadata = {
      correlationId: sessionId,
      causationId: sessionId,
      actor: { id: this.name, role: 'system' },
      occurredAt: at,
      recordedAt: at,
      schemaVersion: 1,
    };
    await this.store.append(
      streamOf(sessionId),
      [{ id: nameBasedUuid(sessionId), type: 'TestCheckoutOpened', data: { ...session }, metadata: { ...metadata, creditorId: request.creditorId } }],
      { expectedRevision: 'no_stream' },
    );
    return { sessionId, checkoutUrl: `${this.publicUrl}${testCheckoutPath}${sessionId}` };
  }

  /** The session opened under this id, if any; `expired` once it can no longer be paid. */
  async session(sessionId: string): Promise<{ session: TestSession; expired: boolean } | undefined> {
    if (!testSessionPattern.test(sessionId)) return undefined;
    const [opened] = await this.store.readStream(streamOf(sessionId), { maxCount: 1 });
    if (!opened) return undefined;
    const session = opened.data as unknown as TestSession;
    return { session, expired: Date.parse(session.expiresAt) <= this.now().getTime() };
  }

  /**
   * The webhook the provider sends when the payer presses Pay. The payment's id derives from the
   * session's, so a session is paid once however often Pay is pressed.
   */
  paymentWebhook(sessionId: string, session: TestSession): { rawBody: Buffer; headers: Record<string, string> } {
    const paymentId = `tpi_${createHash('sha256').update(sessionId).digest('hex').slice(0, 24)}`;
    const { accountId, creditorId, amount, currency } = session;
    const fact: PaymentFact = { kind: 'payment_succeeded', paymentId, accountId, creditorId, amount, currency, at: this.now().toISOString() };
    const rawBody = Buffer.from(JSON.stringify({ facts: [fact] }));
    const t = Math.floor(this.now().getTime() / 1000);
    return { rawBody, headers: { [testSignatureHeader]: `t=${t},v1=${this.hmac(`${t}.${rawBody.toString('utf8')}`).toString('hex')}` } };
  }

  readWebhook(rawBody: Buffer, headers: Readonly<Record<string, string | string[] | undefined>>, now: Date): PaymentFact[] {
    const header = headers[testSignatureHeader];
    const match = typeof header === 'string' ? /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header) : null;
    if (!match) throw new WebhookSignatureInvalid(`no well-formed ${testSignatureHeader} header`);
    const t = Number(match[1]);
    const expected = this.hmac(`${t}.${rawBody.toString('utf8')}`);
    if (!timingSafeEqual(expected, Buffer.from(match[2] as string, 'hex'))) throw new WebhookSignatureInvalid('the signature does not match the body');
    if (Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) throw new WebhookSignatureInvalid('the timestamp is outside the tolerance');
    const facts = (JSON.parse(rawBody.toString('utf8')) as { facts?: unknown }).facts;
    if (!Array.isArray(facts) || !facts.every(isPaymentFact)) throw new WebhookSignatureInvalid('the body is not a list of facts');
    return facts;
  }

  private hmac(text: string): Buffer {
    return createHmac('sha256', this.key).update(text).digest();
  }
}

const streamOf = (sessionId: string) => `test-checkout-${sessionId}`;

/** Signed by us, yet checked: a fact that is not one is not recorded. */
function isPaymentFact(value: unknown): value is PaymentFact {
  const fact = value as Record<string, unknown> | null;
  if (!fact || typeof fact !== 'object') return false;
  const common =
    [fact.paymentId, fact.currency, fact.at].every((field) => typeof field === 'string') &&
    isId(fact.paymentId as string) &&
    !Number.isNaN(Date.parse(fact.at as string));
  const money = isPositiveMinorUnits(fact.amount as number) && isCurrencyCode(fact.currency as string);
  if (fact.kind === 'payment_succeeded') return common && money && typeof fact.accountId === 'string' && typeof fact.creditorId === 'string';
  return (
    fact.kind === 'payment_reversed' && common && money && typeof fact.reversalId === 'string' && (fact.reason === 'refund' || fact.reason === 'chargeback')
  );
}
