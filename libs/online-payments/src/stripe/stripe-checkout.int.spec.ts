import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StripePaymentProvider } from './stripe-payment-provider';

/** A stand-in for api.stripe.com on this machine: it answers one checkout session, or fails, and keeps what it was asked. */
function fakeStripe(answer: (request: IncomingMessage) => { status: number; body: unknown }) {
  const asked: { method: string; path: string; authorization: string; form: URLSearchParams }[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      asked.push({
        method: request.method ?? '',
        path: request.url ?? '',
        authorization: request.headers.authorization ?? '',
        form: new URLSearchParams(body),
      });
      const { status, body: json } = answer(request);
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    });
  });
  return {
    asked,
    server,
    listening: new Promise<number>((resolve) =>
      server.listen(0, '127.0.0.1', () => {
        resolve((server.address() as AddressInfo).port);
      }),
    ),
  };
}

const order = {
  accountId: 'acc-1',
  creditorId: 'cred-1',
  amount: 2500,
  currency: 'USD',
  description: 'Payment on account acc-1',
  successUrl: 'https://arrears.example.com/online-payments/finished/paid',
  cancelUrl: 'https://arrears.example.com/online-payments/finished/cancelled',
};

describe('Stripe Checkout, against a local stand-in for its API', () => {
  it('opens a hosted session in payment mode carrying the account and creditor, in the session’s and its PaymentIntent’s metadata', async () => {
    const stripe = fakeStripe(() => ({
      status: 200,
      body: { id: 'cs_test_1', object: 'checkout.session', url: 'https://checkout.stripe.com/c/pay/cs_test_1' },
    }));
    const port = await stripe.listening;
    try {
      const provider = new StripePaymentProvider('sk_test_local', 'whsec_local', { host: '127.0.0.1', port, protocol: 'http' });
      expect(await provider.startCheckout(order)).toEqual({ sessionId: 'cs_test_1', checkoutUrl: 'https://checkout.stripe.com/c/pay/cs_test_1' });
      const [asked] = stripe.asked;
      expect(asked).toMatchObject({ method: 'POST', path: '/v1/checkout/sessions', authorization: 'Bearer sk_test_local' });
      expect(Object.fromEntries(asked!.form)).toEqual({
        mode: 'payment',
        'line_items[0][quantity]': '1',
        'line_items[0][price_data][currency]': 'usd',
        'line_items[0][price_data][unit_amount]': '2500',
        'line_items[0][price_data][product_data][name]': 'Payment on account acc-1',
        success_url: order.successUrl,
        cancel_url: order.cancelUrl,
        client_reference_id: 'acc-1',
        'metadata[accountId]': 'acc-1',
        'metadata[creditorId]': 'cred-1',
        'payment_intent_data[metadata][accountId]': 'acc-1',
        'payment_intent_data[metadata][creditorId]': 'cred-1',
        'payment_intent_data[description]': 'Payment on account acc-1',
      });
    } finally {
      stripe.server.close();
    }
  });

  it('tells Stripe’s refusal of the request apart from an outage: a rule broken (422), not 503', async () => {
    const stripe = fakeStripe(() => ({ status: 400, body: { error: { type: 'invalid_request_error', message: 'Invalid currency' } } }));
    const port = await stripe.listening;
    try {
      const provider = new StripePaymentProvider('sk_test_local', 'whsec_local', { host: '127.0.0.1', port, protocol: 'http' });
      await expect(provider.startCheckout(order)).rejects.toMatchObject({ code: 'PAYMENT_PROVIDER_REFUSED', kind: 'rule' });
      stripe.server.close();
      await expect(provider.startCheckout(order)).rejects.not.toMatchObject({ code: 'PAYMENT_PROVIDER_REFUSED' });
    } finally {
      stripe.server.close();
    }
  });
});
