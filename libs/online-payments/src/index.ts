export * from './payment-provider.port';
export * from './checkout-starter';
export * from './payment-facts.recorder';
export * from './payment-links';
export * from './payment-webhooks';
export * from './online-payments.module';
export { StripePaymentProvider, stripeSignatureHeader } from './stripe/stripe-payment-provider';
export { stripeEventTypes } from './stripe/stripe-facts';
export { TestPaymentProvider, testCheckoutPath, testSessionPattern, testSignatureHeader, type TestSession } from './test-provider/test-payment-provider';
