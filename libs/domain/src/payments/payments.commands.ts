import type { Command } from '../account/command';
import type { IsoDate } from '../calendar/calendar';
import type { PaymentMethod, ReversalReason } from './payments.events';

export type RecordPayment = Command<
  'RecordPayment',
  { paymentId: string; amount: number; currency: string; receivedOn: IsoDate; method: PaymentMethod; agencyId?: string }
>;

/** Takes back a payment, or part of it (a refund, a lost chargeback); `reversalId` makes a repeat change nothing. */
export type ReversePayment = Command<
  'ReversePayment',
  { reversalId: string; paymentId: string; amount: number; currency: string; reversedOn: IsoDate; reason: ReversalReason; providerReference?: string }
>;

/** The payments part of the account's commands. */
export type PaymentsCommand = RecordPayment | ReversePayment;
