import { eventTypesOf } from '../account/event-types';
import type { Allocation } from '../account/allocation';
import type { PostalAddress } from '../accounts/debtor';
import type { IsoDate } from '../calendar/calendar';

/**
 * The debtor disputes one invoice or, without `invoiceId`, the whole account: `amount` was owed then.
 * `timely`: received by the end of the validation period (or before any validation notice went out);
 * `pausesCollection`: whether collection of the disputed debt waits for the resolution — always for a
 * timely dispute, for a late one as the creditor's policy says. Both are absent on disputes recorded
 * before disputes could be late: those read as timely, pausing.
 */
export interface DisputeRaised {
  type: 'DisputeRaised';
  data: {
    disputeId: string;
    invoiceId: string | null;
    /** Absent on a dispute raised once the debtor's personal data was erased, or read after it (see sealedDisputeFields). */
    reason?: string;
    /** A document sent with the dispute, by reference; absent when none was. */
    attachmentRef?: string;
    amount: number;
    currency: string;
    raisedOn: IsoDate;
    timely?: boolean;
    pausesCollection?: boolean;
  };
}

/**
 * The parts of a dispute that are about the person, sealed under the debtor's data key: its reason, in
 * the debtor's or an agent's words (a family member, an illness), and the reference of what was sent with
 * it. Gone with the debtor's key, from every reader and every webhook that may not carry personal data.
 */
export const sealedDisputeFields = ['reason', 'attachmentRef'] as const satisfies readonly (keyof DisputeRaised['data'])[];

/** Upheld: the disputed balance is adjusted off. Rejected: the verification was sent to the debtor; collection resumes. */
export interface DisputeResolved {
  type: 'DisputeResolved';
  data: {
    disputeId: string;
    outcome: 'upheld' | 'rejected';
    adjustments: Allocation[];
    /** On a rejection of a dispute that paused collection: how and when its verification went to the debtor (absent before it was kept). */
    verification?: DisputeVerification;
  };
}

/** The verification of the debt (or a copy of a judgment) sent to the debtor, which collection waits for (12 CFR 1006.38(d)(2)(i)). */
export interface DisputeVerification {
  channel: 'letter' | 'email';
  /** The business date it was sent. */
  sentOn: IsoDate;
}

/** The debtor asked for the original creditor's name and address (1006.38(c)); collection of the debt waits for the answer. */
export interface OriginalCreditorRequested {
  type: 'OriginalCreditorRequested';
  data: { requestId: string; invoiceId: string | null; requestedOn: IsoDate };
}

/** The answer to a request, as sent to the debtor (a NoticeSent of purpose `original_creditor` queues it); collection resumes. */
export interface OriginalCreditorProvided {
  type: 'OriginalCreditorProvided';
  data: { requestId: string; originalCreditor: { name: string; address: PostalAddress }; providedOn: IsoDate };
}

/** The disputes part of the account's events. */
export type DisputesEvent = DisputeRaised | DisputeResolved | OriginalCreditorRequested | OriginalCreditorProvided;

/** Every disputes event type. */
export const disputesEventTypes = eventTypesOf<DisputesEvent>()(['DisputeRaised', 'DisputeResolved', 'OriginalCreditorRequested', 'OriginalCreditorProvided']);
