import Stripe from 'stripe';
import { WebhookSignatureInvalid } from '../payment-provider.port';
import { StripePaymentProvider } from './stripe-payment-provider';

const secret = 'whsec_unit_test';
const provider = new StripePaymentProvider('sk_test_unit', secret);
const stripe = new Stripe('sk_test_unit');
const now = new Date('2026-03-01T15:00:00Z');
const created = Math.floor(now.getTime() / 1000);
const at = now.toISOString();

/** A Stripe event as delivered: signed over its exact bytes at `timestamp`. */
function delivered(type: string, object: Record<string, unknown>, timestamp = created) {
  const payload = JSON.stringify({ id: 'evt_1', object: 'event', created, type, data: { object } });
  return { rawBody: Buffer.from(payload), headers: { 'stripe-signature': stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp }) } };
}
const read = ({ rawBody, headers }: ReturnType<typeof delivered>) => provider.readWebhook(rawBody, headers, now);
const metadata = { accountId: 'acc-1', creditorId: 'cred-1' };

describe('Stripe webhooks, read as facts', () => {
  it('reads a paid Checkout Session as a payment whose id is its PaymentIntent’s, in capitals', () => {
    const paid = delivered('checkout.session.completed', { payment_status: 'paid', payment_intent: 'pi_1', amount_total: 5000, currency: 'usd', metadata });
    expect(read(paid)).toEqual([{ kind: 'payment_succeeded', paymentId: 'pi_1', accountId: 'acc-1', creditorId: 'cred-1', amount: 5000, currency: 'USD', at }]);
  });

  it('reads a PaymentIntent that succeeded the same way, so the two count once', () => {
    const intent = delivered('payment_intent.succeeded', { id: 'pi_1', amount_received: 5000, currency: 'usd', metadata });
    expect(read(intent)).toEqual([expect.objectContaining({ kind: 'payment_succeeded', paymentId: 'pi_1' })]);
  });

  it('waits for a bank debit: a session completed unpaid is no payment yet, its later success is', () => {
    const unpaid = { payment_status: 'unpaid', payment_intent: 'pi_2', amount_total: 5000, currency: 'eur', metadata };
    expect(read(delivered('checkout.session.completed', unpaid))).toEqual([]);
    expect(read(delivered('checkout.session.async_payment_succeeded', { ...unpaid, payment_status: 'paid' }))).toEqual([
      expect.objectContaining({ paymentId: 'pi_2', currency: 'EUR' }),
    ]);
  });

  it('reads a refund that went through, and a dispute lost, as reversals named by their own ids', () => {
    expect(read(delivered('refund.updated', { id: 're_1', amount: 1000, currency: 'usd', payment_intent: 'pi_1', status: 'succeeded' }))).toEqual([
      { kind: 'payment_reversed', reason: 'refund', reversalId: 're_1', paymentId: 'pi_1', amount: 1000, currency: 'USD', at },
    ]);
    expect(read(delivered('charge.dispute.closed', { id: 'du_1', amount: 5000, currency: 'usd', payment_intent: 'pi_1', status: 'lost' }))).toEqual([
      { kind: 'payment_reversed', reason: 'chargeback', reversalId: 'du_1', paymentId: 'pi_1', amount: 5000, currency: 'USD', at },
    ]);
    const refunds = { data: [{ id: 're_2', amount: 300, currency: 'usd', payment_intent: 'pi_1', status: 'succeeded' }] };
    expect(read(delivered('charge.refunded', { id: 'ch_1', refunds }))).toEqual([expect.objectContaining({ reversalId: 're_2', amount: 300 })]);
  });

  it.each([
    ['a refund still pending', 'refund.created', { id: 're_3', amount: 1000, currency: 'usd', payment_intent: 'pi_1', status: 'pending' }],
    ['a dispute won', 'charge.dispute.closed', { id: 'du_2', amount: 5000, currency: 'usd', payment_intent: 'pi_1', status: 'won' }],
    [
      'a session Arrears did not open',
      'checkout.session.completed',
      { payment_status: 'paid', payment_intent: 'pi_9', amount_total: 1, currency: 'usd', metadata: {} },
    ],
    ['a charge refunded without its refunds listed', 'charge.refunded', { id: 'ch_1' }],
    ['an event Arrears does not act on', 'customer.created', { id: 'cus_1' }],
  ])('reads nothing in %s', (_case, type, object) => {
    expect(read(delivered(type, object))).toEqual([]);
  });

  it('believes nothing without the signature over the exact bytes, or with one older than five minutes', () => {
    const paid = delivered('checkout.session.completed', { payment_status: 'paid', payment_intent: 'pi_1', amount_total: 5000, currency: 'usd', metadata });
    expect(() => provider.readWebhook(paid.rawBody, {}, now)).toThrow(WebhookSignatureInvalid);
    expect(() => provider.readWebhook(Buffer.from(paid.rawBody.toString().replace('5000', '500')), paid.headers, now)).toThrow(WebhookSignatureInvalid);
    expect(() => read(delivered('checkout.session.completed', {}, created - 301))).toThrow(WebhookSignatureInvalid);
  });
});
