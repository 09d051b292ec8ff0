import type { Command } from '../account/command';
import type { ContactChannel, ContactPolicies } from '../compliance/contact-policy';
import type { ContactDirection, ContactOutcome, ContactTime, ElectronicDeliveryBasis } from './interactions.events';

/**
 * Outbound contacts are checked against the creditor's contact rule set; `at` defaults to now;
 * `invoiceIds`: the debts the contact is about, the account as a whole when absent.
 */
export type LogContactAttempt = Command<
  'LogContactAttempt',
  { channel: ContactChannel; direction: ContactDirection; outcome: ContactOutcome; at?: string; invoiceIds?: string[]; policies: ContactPolicies }
>;
export type AddNote = Command<'AddNote', { text: string }>;
export type SendValidationNotice = Command<'SendValidationNotice', { channel: ContactChannel; policies: ContactPolicies }>;
/** The hours of the day (`HH:MM`, the debtor's time zone) the debtor said suit them for contact. */
export type RecordPreferredContactTime = Command<'RecordPreferredContactTime', ContactTime>;

/** Records why required notices may go by e-mail (1006.42(b)); `consentedOn` defaults to the debtor's today. */
export type RecordElectronicDeliveryConsent = Command<'RecordElectronicDeliveryConsent', { basis: ElectronicDeliveryBasis; consentedOn?: string }>;
/**
 * The debtor's consent, given directly to the collector at `givenAt` (now when absent), to further
 * calls for `days` consecutive days (at most and by default 7, the day of consent the first).
 */
export type RecordCallConsent = Command<'RecordCallConsent', { givenAt?: string; days?: number }>;
/** The interactions part of the account's commands. */
export type InteractionsCommand =
  LogContactAttempt | AddNote | SendValidationNotice | RecordPreferredContactTime | RecordElectronicDeliveryConsent | RecordCallConsent;
