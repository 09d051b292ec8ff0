import type { Summaries } from '../account/capability';
import type { InteractionsEvent } from './interactions.events';

/** How each interactions fact reads in the account's history: one line a person can read. */
export const interactionsSummaries: Summaries<InteractionsEvent> = {
  ContactAttempted: (event) =>
    `${event.data.direction === 'outbound' ? 'Outbound' : 'Inbound'} ${event.data.channel} at ${event.data.at}: ${event.data.outcome.replace(/_/g, ' ')}.`,
  NoteAdded: (event) => `Note added (${event.data.text.length} characters).`,
  ValidationNoticeSent: (event) => `Validation notice sent by ${event.data.channel}; the validation period ends ${event.data.periodEndsOn}.`,
  ElectronicDeliveryConsentRecorded: (event) =>
    `Required notices may go by e-mail from ${event.data.consentedOn} (${event.data.basis === 'esign_consent' ? 'E-SIGN consent' : 'safe-harbour procedure'}).`,
  PreferredContactTimeRecorded: (event) => `The debtor prefers contact from ${event.data.from} to ${event.data.to}, their time.`,
  CallConsentRecorded: (event) => `The debtor consented to further calls on ${event.data.givenOn}, through ${event.data.through}.`,
};
