import { eventTypesOf } from '../account/event-types';
import type { IsoDate } from '../calendar/calendar';
import type { ContactChannel } from '../compliance/contact-policy';

/**
 * How a contact ended. `not_connected`: the call never reached the dialed number (a busy signal, a
 * number not in service); a call that rings unanswered or reaches voicemail is connected (comment
 * 14(b)(3)(ii)-1) and is `no_answer` or `left_message`.
 */
export const contactOutcomes = ['no_answer', 'left_message', 'right_party_contact', 'wrong_party', 'refused_to_pay', 'not_connected'] as const;
export type ContactOutcome = (typeof contactOutcomes)[number];
export type ContactDirection = 'inbound' | 'outbound';
/**
 * A contact made or attempted, at `at` (an instant), by the agent in the metadata; `invoiceIds`: the
 * debts it was about, absent when about the account as a whole (and on contacts logged before it was kept).
 */
export interface ContactAttempted {
  type: 'ContactAttempted';
  data: { channel: ContactChannel; direction: ContactDirection; outcome: ContactOutcome; at: string; invoiceIds?: string[] };
}
export interface NoteAdded {
  type: 'NoteAdded';
  data: { text: string };
}
/** The validation notice (1006.34) went out; the debtor may dispute until `periodEndsOn`. */
export interface ValidationNoticeSent {
  type: 'ValidationNoticeSent';
  data: { channel: ContactChannel; sentAt: string; periodEndsOn: IsoDate };
}
/** From `from` to `to` (each `HH:MM`, `from` earlier), in the debtor's time zone. */
// A type, not an interface: an event's data must be assignable to a plain record.
export type ContactTime = { from: string; to: string };
/** The debtor said when contact suits them. */
export interface PreferredContactTimeRecorded {
  type: 'PreferredContactTimeRecorded';
  data: ContactTime;
}

/**
 * The debtor gave the collector, directly, their consent to further calls (12 CFR 1006.14(b)(3)(i)) at
 * `givenAt`: calls placed from then through `through` (the debtor's date, at most the 7th day counting
 * the day of consent, `givenOn`, as the first) do not count toward the call frequencies.
 */
export interface CallConsentRecorded {
  type: 'CallConsentRecorded';
  data: { givenAt: string; givenOn: IsoDate; through: IsoDate };
}

/** The interactions part of the account's events. */
export type InteractionsEvent = ContactAttempted | NoteAdded | ValidationNoticeSent | PreferredContactTimeRecorded | CallConsentRecorded;

/** Every interactions event type. */
export const interactionsEventTypes = eventTypesOf<InteractionsEvent>()([
  'ContactAttempted',
  'NoteAdded',
  'ValidationNoticeSent',
  'PreferredContactTimeRecorded',
  'CallConsentRecorded',
]);
