import type { BusinessTimes } from '../account/capability';
import type { PaymentsEvent } from './payments.events';

/** When each payments fact happened (see BusinessTime): a discount on its payment's day. */
export const paymentsBusinessTimes: BusinessTimes<PaymentsEvent> = {
  PaymentReceived: (event) => ({ date: event.data.receivedOn }),
  EarlyPaymentDiscountApplied: () => 'command',
  PaymentReversed: (event) => ({ date: event.data.reversedOn }),
};
