import type { IsoDate } from '../calendar/calendar';
import type { ContactChannel } from '../compliance/contact-policy';
import type { ContactOutcome, ContactTime, ElectronicDeliveryConsent } from './interactions.events';

/** An inbound contact by a medium the debtor had asked not to be used: the collector may reply once (1006.14(h)(2)(ii)). */
export interface InboundOnBlockedMedium {
  channel: ContactChannel;
  at: string;
}

/** What the contact rules need to know about past contacts. */
export interface InteractionsState {
  /**
   * Instants of the latest outbound call attempts that count toward the call frequencies, oldest
   * first; only the last few matter. Calls not connected, calls that reached another person and calls
   * placed with the debtor's consent do not count (1006.14(b)(3)).
   */
  recentCalls: string[];
  /** The last telephone conversation with the debtor (a right-party contact by call). */
  lastConversationAt: string | null;
  firstCommunicationAt: string | null;
  lastContact: { at: string; channel: ContactChannel; outcome: ContactOutcome } | null;
  /** When the debtor said contact suits them, if they did. */
  preferredContactTime: (ContactTime & { statedAt?: string }) | null;
  /** Why required notices may go by e-mail, once recorded (absent from accounts stored before it was kept). */
  electronicDelivery?: ElectronicDeliveryConsent;
  /** The debtor's latest direct consent to further calls, if any (1006.14(b)(3)(i)). */
  callConsent: CallConsent | null;
  /** The latest inbound contacts by a blocked medium, oldest first. */
  inboundOnBlocked: InboundOnBlockedMedium[];
  /**
   * Outbound calls logged, and those of them that reached the debtor (a right-party contact): how
   * reachable the debtor is, which the behaviour score reads. Absent from accounts stored before they were kept.
   */
  callsMade?: number;
  callsAnswered?: number;
}

/** Consent given at `givenAt` to calls through `through` (the debtor's date, inclusive). */
export interface CallConsent {
  givenAt: string;
  through: IsoDate;
}

/** Inbound contacts on blocked media kept in state: replies are owed to recent ones only. */
export const inboundOnBlockedKept = 10;

/** Call attempts kept in state: as many as the most any policy allows in a week. */
export const recentCallsKept = 7;

/** An account's interactions when it opens: none yet. */
export const noInteractions: InteractionsState = {
  recentCalls: [],
  lastConversationAt: null,
  firstCommunicationAt: null,
  lastContact: null,
  preferredContactTime: null,
  callConsent: null,
  inboundOnBlocked: [],
  callsMade: 0,
  callsAnswered: 0,
};
