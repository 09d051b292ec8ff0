import { eventTypesOf } from '../account/event-types';
import type { IsoDate } from '../calendar/calendar';
import type { ContactChannel } from '../compliance/contact-policy';
import type { RenderedMessage } from '../notices/notices.events';

export const contactOutcomes = ['no_answer', 'left_message', 'right_party_contact', 'wrong_party', 'refused_to_pay'] as const;
export type ContactOutcome = (typeof contactOutcomes)[number];
export type ContactDirection = 'inbound' | 'outbound';
/** A contact made or attempted, at `at` (an instant), by the agent in the metadata. */
export interface ContactAttempted {
  type: 'ContactAttempted';
  data: { channel: ContactChannel; direction: ContactDirection; outcome: ContactOutcome; at: string };
}
export interface NoteAdded {
  type: 'NoteAdded';
  data: { text: string };
}
/** The validation notice (1006.34) went out; the debtor may dispute until `periodEndsOn`. */
export interface ValidationNoticeSent {
  type: 'ValidationNoticeSent';
  /** `message` (what went out) is absent from notices recorded before messages were rendered. */
  data: { channel: ContactChannel; sentAt: string; periodEndsOn: IsoDate; message?: RenderedMessage };
}
/** From `from` to `to` (each `HH:MM`, `from` earlier), in the debtor's time zone. */
// A type, not an interface: an event's data must be assignable to a plain record.
export type ContactTime = { from: string; to: string };
/** The debtor said when contact suits them. */
export interface PreferredContactTimeRecorded {
  type: 'PreferredContactTimeRecorded';
  data: ContactTime;
}

/** The interactions part of the account's events. */
export type InteractionsEvent = ContactAttempted | NoteAdded | ValidationNoticeSent | PreferredContactTimeRecorded;

/** Every interactions event type. */
export const interactionsEventTypes = eventTypesOf<InteractionsEvent>()([
  'ContactAttempted',
  'NoteAdded',
  'ValidationNoticeSent',
  'PreferredContactTimeRecorded',
]);
