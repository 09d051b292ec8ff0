import type { BusinessTimes } from '../account/capability';
import type { InteractionsEvent } from './interactions.events';

/** When each interactions fact happened (see BusinessTime): contacts at their own instant. */
export const interactionsBusinessTimes: BusinessTimes<InteractionsEvent> = {
  ContactAttempted: (event) => ({ instant: event.data.at }),
  NoteAdded: () => 'command',
  ValidationNoticeSent: (event) => ({ instant: event.data.sentAt }),
  PreferredContactTimeRecorded: () => 'command',
  ElectronicDeliveryConsentRecorded: () => 'command',
  CallConsentRecorded: (event) => ({ instant: event.data.givenAt }),
};
