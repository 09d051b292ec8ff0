import { eventTypesOf } from '../account/event-types';
import type { Allocation } from '../account/allocation';
import type { IsoDate } from '../calendar/calendar';

/** The debtor disputes one invoice or, without `invoiceId`, the whole account: `amount` was owed then. */
export interface DisputeRaised {
  type: 'DisputeRaised';
  data: { disputeId: string; invoiceId: string | null; reason: string; amount: number; currency: string; raisedOn: IsoDate };
}
/** Upheld: the disputed balance is adjusted off. Rejected: validation was provided; collection resumes. */
export interface DisputeResolved {
  type: 'DisputeResolved';
  data: { disputeId: string; outcome: 'upheld' | 'rejected'; adjustments: Allocation[] };
}

/** The disputes part of the account's events. */
export type DisputesEvent = DisputeRaised | DisputeResolved;

/** Every disputes event type. */
export const disputesEventTypes = eventTypesOf<DisputesEvent>()(['DisputeRaised', 'DisputeResolved']);
