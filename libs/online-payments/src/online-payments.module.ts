import { Module } from '@nestjs/common';
import { AccountCommandService, CommandsModule } from '@arrears/commands';
import { CHAIN_KEY, EVENT_STORE, type ChainKey, type EventStore } from '@arrears/event-store';
import { APP_CONFIG, Clock, type AppConfig } from '@arrears/platform';
import { CheckoutStarter } from './checkout-starter';
import { PaymentFactsRecorder } from './payment-facts.recorder';
import { PaymentLinks } from './payment-links';
import { PAYMENT_PROVIDER, type PaymentProvider } from './payment-provider.port';
import { PaymentWebhooks } from './payment-webhooks';
import { StripePaymentProvider } from './stripe/stripe-payment-provider';
import { TestPaymentProvider } from './test-provider/test-payment-provider';

/** The provider PAYMENT_PROVIDER names, or null when online payment is off. */
function paymentProviderOf(config: AppConfig, chainKey: ChainKey, store: EventStore, clock: Clock): PaymentProvider | null {
  const settings = config.onlinePayments;
  if (settings.provider === 'stripe') return new StripePaymentProvider(settings.secretKey, settings.webhookSecret);
  if (settings.provider === 'test') return new TestPaymentProvider(chainKey, store, config.publicUrl, () => clock.now());
  return null;
}

/**
 * Online payment: the configured provider (PAYMENT_PROVIDER), the CheckoutStarter that opens a
 * hosted checkout for an account, and the PaymentWebhooks that record what the provider tells.
 */
@Module({
  imports: [CommandsModule],
  providers: [
    { provide: PAYMENT_PROVIDER, useFactory: paymentProviderOf, inject: [APP_CONFIG, CHAIN_KEY, EVENT_STORE, Clock] },
    {
      provide: CheckoutStarter,
      useFactory: (provider: PaymentProvider | null, commands: AccountCommandService, config: AppConfig) =>
        new CheckoutStarter(provider, commands.accounts, config.publicUrl),
      inject: [PAYMENT_PROVIDER, AccountCommandService, APP_CONFIG],
    },
    {
      provide: PaymentWebhooks,
      useFactory: (provider: PaymentProvider | null, accounts: AccountCommandService, store: EventStore, clock: Clock) =>
        new PaymentWebhooks(provider, provider && new PaymentFactsRecorder(provider, accounts, new PaymentLinks(store, clock), clock)),
      inject: [PAYMENT_PROVIDER, AccountCommandService, EVENT_STORE, Clock],
    },
  ],
  exports: [PAYMENT_PROVIDER, CheckoutStarter, PaymentWebhooks],
})
export class OnlinePaymentsModule {}
