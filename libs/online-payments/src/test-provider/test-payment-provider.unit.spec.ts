import { InMemoryEventStore, chainKeyFrom } from '@arrears/event-store';
import { WebhookSignatureInvalid } from '../payment-provider.port';
import { TestPaymentProvider } from './test-payment-provider';

const now = new Date('2026-03-01T15:00:00Z');
const order = {
  accountId: 'acc-1',
  creditorId: 'cred-1',
  amount: 2500,
  currency: 'USD',
  description: 'Invoice inv-1',
  successUrl: 'https://arrears.example.com/ok',
  cancelUrl: 'https://arrears.example.com/no',
};
const providerAt = (clock: { now: Date }, secret = 'a-chain-key-of-at-least-thirty-two-chars') =>
  new TestPaymentProvider(chainKeyFrom(secret), new InMemoryEventStore(), 'https://arrears.example.com', () => clock.now);

describe('the test payment provider', () => {
  it('opens a session at an address that cannot be guessed, payable for a day', async () => {
    const clock = { now };
    const provider = providerAt(clock);
    const { sessionId, checkoutUrl } = await provider.startCheckout(order);
    expect(sessionId).toMatch(/^tcs_[0-9a-f]{32}$/);
    expect(checkoutUrl).toBe(`https://arrears.example.com/online-payments/test-checkout/${sessionId}`);
    expect(await provider.session(sessionId)).toEqual({ session: { ...order, expiresAt: '2026-03-02T15:00:00.000Z' }, expired: false });
    clock.now = new Date('2026-03-02T15:00:00Z');
    expect((await provider.session(sessionId))?.expired).toBe(true);
    expect(await provider.session(`tcs_${'0'.repeat(32)}`)).toBeUndefined();
  });

  it('tells a payment once per session, signed, and believes only its own signature within five minutes', async () => {
    const clock = { now };
    const provider = providerAt(clock);
    const { sessionId } = await provider.startCheckout(order);
    const session = (await provider.session(sessionId))!.session;
    const first = provider.paymentWebhook(sessionId, session);
    const [fact] = provider.readWebhook(first.rawBody, first.headers, now);
    expect(fact).toEqual({
      kind: 'payment_succeeded',
      paymentId: expect.stringMatching(/^tpi_[0-9a-f]{24}$/),
      accountId: 'acc-1',
      creditorId: 'cred-1',
      amount: 2500,
      currency: 'USD',
      at: now.toISOString(),
    });
    expect(provider.readWebhook(provider.paymentWebhook(sessionId, session).rawBody, first.headers, now)).toEqual([fact]);
    const another = providerAt(clock, 'another-chain-key-of-at-least-thirty-two-chars');
    expect(() => another.readWebhook(first.rawBody, first.headers, now)).toThrow(WebhookSignatureInvalid);
    expect(() => provider.readWebhook(Buffer.from(first.rawBody.toString().replace('2500', '1')), first.headers, now)).toThrow(WebhookSignatureInvalid);
    expect(() => provider.readWebhook(first.rawBody, {}, now)).toThrow(WebhookSignatureInvalid);
    expect(() => provider.readWebhook(first.rawBody, first.headers, new Date(now.getTime() + 301_000))).toThrow(WebhookSignatureInvalid);
  });
});
