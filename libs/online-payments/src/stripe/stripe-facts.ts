import type Stripe from 'stripe';
import type { PaymentFact } from '../payment-provider.port';

/**
 * The Stripe events the webhook endpoint is subscribed to, and what each says in Arrears' words:
 * a Checkout Session paid (at once or, for bank debits, later) or a PaymentIntent that succeeded is a
 * payment; a refund that succeeded, or a dispute closed as lost, takes it back. A Checkout Session
 * and its PaymentIntent both tell of one payment: its id is the PaymentIntent's, so it counts once.
 */
export const stripeEventTypes = [
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'payment_intent.succeeded',
  'refund.created',
  'refund.updated',
  'charge.refunded',
  'charge.dispute.closed',
] as const;

/** The facts in a verified Stripe event; none for an event Arrears did not start (no `accountId` in its metadata) or does not act on. */
export function stripeFacts(event: Stripe.Event): PaymentFact[] {
  const at = new Date(event.created * 1000).toISOString();
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
      return sessionPaid(event.data.object, at);
    case 'payment_intent.succeeded':
      return intentSucceeded(event.data.object, at);
    case 'refund.created':
    case 'refund.updated':
      return refunded(event.data.object, at);
    case 'charge.refunded':
      // Listed refunds only where the endpoint expands them; the refund.* events tell of each anyway.
      return (event.data.object.refunds?.data ?? []).flatMap((refund) => refunded(refund, at));
    case 'charge.dispute.closed':
      return disputeLost(event.data.object, at);
    default:
      return [];
  }
}

/** A Checkout Session's payment, once paid (a bank debit completes the session unpaid, and pays later). */
function sessionPaid(session: Stripe.Checkout.Session, at: string): PaymentFact[] {
  const paymentId = idOf(session.payment_intent);
  if (session.payment_status !== 'paid' || !paymentId) return [];
  return succeeded(session.metadata, paymentId, session.amount_total, session.currency, at);
}

function intentSucceeded(intent: Stripe.PaymentIntent, at: string): PaymentFact[] {
  return succeeded(intent.metadata, intent.id, intent.amount_received, intent.currency, at);
}

function succeeded(metadata: Stripe.Metadata | null, paymentId: string, amount: number | null, currency: string | null, at: string): PaymentFact[] {
  const accountId = metadata?.accountId;
  const creditorId = metadata?.creditorId;
  if (!accountId || !creditorId || !isAmount(amount) || !currency) return [];
  return [{ kind: 'payment_succeeded', paymentId, accountId, creditorId, amount, currency: currency.toUpperCase(), at }];
}

/** A refund takes money back once it has gone through: a pending one may still fail. */
function refunded(refund: Stripe.Refund, at: string): PaymentFact[] {
  const paymentId = idOf(refund.payment_intent);
  if (refund.status !== 'succeeded' || !paymentId || !isAmount(refund.amount)) return [];
  return [{ kind: 'payment_reversed', reason: 'refund', reversalId: refund.id, paymentId, amount: refund.amount, currency: refund.currency.toUpperCase(), at }];
}

/** A dispute takes the money back for good only when lost (won, the funds come back; under review, nothing is settled). */
function disputeLost(dispute: Stripe.Dispute, at: string): PaymentFact[] {
  const paymentId = idOf(dispute.payment_intent);
  if (dispute.status !== 'lost' || !paymentId || !isAmount(dispute.amount)) return [];
  return [
    { kind: 'payment_reversed', reason: 'chargeback', reversalId: dispute.id, paymentId, amount: dispute.amount, currency: dispute.currency.toUpperCase(), at },
  ];
}

const idOf = (value: string | { id: string } | null | undefined): string | undefined => (typeof value === 'string' ? value : value?.id);
const isAmount = (amount: number | null | undefined): amount is number => typeof amount === 'number' && Number.isSafeInteger(amount) && amount > 0;
