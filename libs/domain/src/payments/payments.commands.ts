import type { Command } from '../account/command';
import type { IsoDate } from '../calendar/calendar';

export type RecordPayment = Command<
  'RecordPayment',
  { paymentId: string; amount: number; currency: string; receivedOn: IsoDate; method: string; agencyId?: string }
>;

/** The payments part of the account's commands. */
export type PaymentsCommand = RecordPayment;
