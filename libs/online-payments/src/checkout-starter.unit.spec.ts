import { AccountSnapshots } from '@arrears/commands';
import { InMemoryEventStore } from '@arrears/event-store';
import { ProblemException } from '@arrears/platform';
import { newEvent } from '@arrears/testing';
import { CheckoutStarter } from './checkout-starter';
import type { CheckoutRequest, PaymentProvider } from './payment-provider.port';

const publicUrl = 'https://arrears.example.com';

/** A provider that opens what it is asked, and keeps it; or fails as an unreachable one does. */
const provider = (fails = false) => {
  const opened: CheckoutRequest[] = [];
  const port: PaymentProvider = {
    name: 'stripe',
    startCheckout: (request) => {
      if (fails) return Promise.reject(new Error('connect ECONNREFUSED'));
      opened.push(request);
      return Promise.resolve({ sessionId: 'cs_1', checkoutUrl: 'https://checkout.example/cs_1' });
    },
    readWebhook: () => [],
  };
  return { port, opened };
};

/** The account owing `amount`, loaded as the write path loads it (no snapshots kept here). */
async function accountOwing(amount: number): Promise<AccountSnapshots> {
  const store = new InMemoryEventStore();
  await store.append(
    'account-acc-1',
    [
      newEvent('AccountOpened', {
        accountId: 'acc-1',
        creditorId: 'cred-1',
        openedOn: '2026-01-01',
        debtor: { reference: 'D-1', name: 'Ada', timeZone: 'UTC' },
      }),
      newEvent('InvoiceIssued', { invoiceId: 'inv-1', amount, currency: 'USD', issuedOn: '2026-01-01', dueOn: '2026-01-31', terms: { graceDays: 0 } }),
    ],
    { expectedRevision: 'no_stream' },
  );
  return new AccountSnapshots(store);
}

describe('CheckoutStarter', () => {
  it('opens a checkout for what is owed, named for the account and its creditor, returning to this service’s pages by default', async () => {
    const { port, opened } = provider();
    const started = await new CheckoutStarter(port, await accountOwing(5000), publicUrl).start({ accountId: 'acc-1', amount: 5000, currency: 'USD' });
    expect(started).toEqual({ provider: 'stripe', sessionId: 'cs_1', checkoutUrl: 'https://checkout.example/cs_1', amount: 5000, currency: 'USD' });
    expect(opened).toEqual([
      {
        accountId: 'acc-1',
        creditorId: 'cred-1',
        amount: 5000,
        currency: 'USD',
        description: 'Payment on account acc-1',
        successUrl: `${publicUrl}/online-payments/finished/paid`,
        cancelUrl: `${publicUrl}/online-payments/finished/cancelled`,
      },
    ]);
  });

  it('sends a payer back only under PUBLIC_URL', async () => {
    const starter = new CheckoutStarter(provider().port, await accountOwing(5000), publicUrl);
    const order = { accountId: 'acc-1', amount: 100, currency: 'USD' };
    await expect(starter.start({ ...order, successUrl: `${publicUrl}/portal/thanks` })).resolves.toMatchObject({ sessionId: 'cs_1' });
    await expect(starter.start({ ...order, cancelUrl: 'https://arrears.example.com.evil.example/' })).rejects.toMatchObject({ code: 'RETURN_URL_NOT_OURS' });
  });

  it('refuses what the account does not owe, and says so when online payment is off', async () => {
    const store = await accountOwing(5000);
    await expect(new CheckoutStarter(provider().port, store, publicUrl).start({ accountId: 'acc-1', amount: 5001, currency: 'USD' })).rejects.toMatchObject({
      code: 'AMOUNT_EXCEEDS_BALANCE',
    });
    await expect(new CheckoutStarter(provider().port, store, publicUrl).start({ accountId: 'acc-2', amount: 1, currency: 'USD' })).rejects.toMatchObject({
      code: 'ACCOUNT_NOT_FOUND',
    });
    await expect(new CheckoutStarter(null, store, publicUrl).start({ accountId: 'acc-1', amount: 1, currency: 'USD' })).rejects.toMatchObject({
      code: 'ONLINE_PAYMENT_OFF',
    });
  });

  it('answers 503 with Retry-After when the provider cannot be reached', async () => {
    const failing = new CheckoutStarter(provider(true).port, await accountOwing(5000), publicUrl).start({ accountId: 'acc-1', amount: 1, currency: 'USD' });
    await expect(failing).rejects.toBeInstanceOf(ProblemException);
    await expect(failing).rejects.toMatchObject({ code: 'PAYMENT_PROVIDER_UNAVAILABLE', headers: { 'retry-after': '30' } });
  });
});
