import { eventTypesOf } from '../account/event-types';
import type { IsoDate } from '../calendar/calendar';
import type { ContactChannel } from '../compliance/contact-policy';
import type { RenderedMessage } from '../notices/notices.events';

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
/**
 * The itemization of the debt a validation notice gives (12 CFR 1006.34(c)(2)(vi)–(viii)): the
 * itemization date, the amount owed on it, the interest, fees, payments and credits since, and the
 * current amount. Minor units of `currency`; amountOnItemizationDate + interest + fees − payments −
 * credits = currentAmount.
 */
export type Itemization = {
  itemizationDate: IsoDate;
  amountOnItemizationDate: number;
  interest: number;
  fees: number;
  payments: number;
  credits: number;
  currentAmount: number;
  currency: string;
};

/**
 * The validation notice (1006.34) went out, by letter or e-mail; it is assumed received on `receivedOn`
 * and the debtor may dispute until `periodEndsOn` (1006.34(b)(5)). Notices recorded before receipt and
 * itemization were kept lack them.
 */
export interface ValidationNoticeSent {
  type: 'ValidationNoticeSent';
  data: { channel: ContactChannel; sentAt: string; periodEndsOn: IsoDate; receivedOn?: IsoDate; itemization?: Itemization; message?: RenderedMessage };
}
/**
 * Why the validation notice may go by e-mail (1006.42(b)): the debtor's consent under section 101(c) of
 * the E-SIGN Act, or the procedure of 1006.6(d)(4)(i) or (ii) (an address the debtor used, or one the
 * creditor gave notice of with a chance to opt out) carried out.
 */
export const electronicDeliveryBases = ['esign_consent', 'safe_harbor_procedure'] as const;
export type ElectronicDeliveryBasis = (typeof electronicDeliveryBases)[number];
// A type, not an interface: an event's data must be assignable to a plain record.
export type ElectronicDeliveryConsent = { basis: ElectronicDeliveryBasis; consentedOn: IsoDate };
/** Required notices may now go to the debtor by e-mail, on this basis, since `consentedOn`. */
export interface ElectronicDeliveryConsentRecorded {
  type: 'ElectronicDeliveryConsentRecorded';
  data: ElectronicDeliveryConsent;
}
/** From `from` to `to` (each `HH:MM`, `from` earlier), in the debtor's time zone. */
// A type, not an interface: an event's data must be assignable to a plain record.
export type ContactTime = { from: string; to: string };
/**
 * The debtor said when contact suits them, at `statedAt` (absent from events recorded before it was kept): a contact
 * made before then, logged after, was not at a time the collector knew to be inconvenient.
 */
export interface PreferredContactTimeRecorded {
  type: 'PreferredContactTimeRecorded';
  data: ContactTime & { statedAt?: string };
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
export type InteractionsEvent =
  ContactAttempted | NoteAdded | ValidationNoticeSent | PreferredContactTimeRecorded | ElectronicDeliveryConsentRecorded | CallConsentRecorded;

/** Every interactions event type. */
export const interactionsEventTypes = eventTypesOf<InteractionsEvent>()([
  'ContactAttempted',
  'NoteAdded',
  'ValidationNoticeSent',
  'PreferredContactTimeRecorded',
  'ElectronicDeliveryConsentRecorded',
  'CallConsentRecorded',
]);
