import type { ContactChannel } from '../compliance/contact-policy';
import type { ContactOutcome, ContactTime, ElectronicDeliveryConsent } from './interactions.events';

/** What the contact rules need to know about past contacts. */
export interface InteractionsState {
  /** Instants of the latest outbound call attempts, oldest first; only the last few matter. */
  recentCalls: string[];
  /** The last telephone conversation with the debtor (a right-party contact by call). */
  lastConversationAt: string | null;
  firstCommunicationAt: string | null;
  lastContact: { at: string; channel: ContactChannel; outcome: ContactOutcome } | null;
  /** When the debtor said contact suits them, if they did. */
  preferredContactTime: ContactTime | null;
  /** Why required notices may go by e-mail, once recorded (absent from accounts stored before it was kept). */
  electronicDelivery?: ElectronicDeliveryConsent;
}

/** Call attempts kept in state: as many as the most any policy allows in a week. */
export const recentCallsKept = 7;

/** An account's interactions when it opens: none yet. */
export const noInteractions: InteractionsState = {
  recentCalls: [],
  lastConversationAt: null,
  firstCommunicationAt: null,
  lastContact: null,
  preferredContactTime: null,
};
