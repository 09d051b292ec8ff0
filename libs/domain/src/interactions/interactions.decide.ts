import { addDays, isIsoDate } from '../calendar/calendar';
import { policyFor } from '../compliance/contact-policy';
import { blockedChannelRule, convenientTimeRules, requireContactAllowed } from '../compliance/contact-rules';
import { conflict, ruleBroken } from '../errors/domain-error';
import { requireInvoice, requireOpen, todayFor } from '../account/account.guards';
import { messageFor } from '../notices/notices.decide';
import type { AccountState } from '../account/account.state';
import type { Decisions } from '../account/capability';
import type {
  AddNote,
  LogContactAttempt,
  RecordElectronicDeliveryConsent,
  RecordCallConsent,
  RecordPreferredContactTime,
  SendValidationNotice,
  InteractionsCommand,
} from './interactions.commands';
import {
  electronicDeliveryBases,
  type CallConsentRecorded,
  type ContactAttempted,
  type ElectronicDeliveryConsentRecorded,
  type NoteAdded,
  type PreferredContactTimeRecorded,
  type ValidationNoticeSent,
} from './interactions.events';
import { itemizationOf } from './itemization';
import { validationPeriodOf } from './validation-period';
import { noticeChannelRefusal, owesValidationNotice } from './validation-notice';

/** A contact logged up to this long after the command's clock still counts as now (clocks drift). */
const clockSkewMs = 60_000;

/**
 * Records a contact made or attempted. An outbound one must pass every contact rule at the moment it
 * was made; a refusal names the rule and when contact becomes allowed again.
 */
export function logContactAttempt(command: LogContactAttempt, state: AccountState): [ContactAttempted] {
  const account = requireOpen(state);
  const { channel, direction, outcome, at = command.now, invoiceIds, policies } = command.data;
  const instant = pastInstant(at, command.now, 'CONTACT_IN_FUTURE');
  for (const invoiceId of invoiceIds ?? []) requireInvoice(account, invoiceId);
  const about = invoiceIds?.length ? { invoiceIds: [...new Set(invoiceIds)] } : {};
  if (direction === 'outbound') requireContactAllowed(account, { channel, at: instant, ...about }, policyFor(policies, account.creditorId));
  return [{ type: 'ContactAttempted', data: { channel, direction, outcome, at: instant, ...about } }];
}

/** `at` as `Date#toISOString` writes it, refused when not an instant or later than now (clock skew aside). */
function pastInstant(at: string, now: string, futureCode: string): string {
  const when = Date.parse(at);
  if (Number.isNaN(when)) throw ruleBroken('INVALID_INSTANT', 'at must be an ISO 8601 instant.', { field: 'at' });
  if (when > Date.parse(now) + clockSkewMs) {
    throw ruleBroken(futureCode, `This can be recorded once it has happened; ${at} is after now (${now}).`, { at, now });
  }
  return new Date(when).toISOString();
}

/** Consent covers calls on no more than 7 consecutive days, the day it is received the first (1006.14(b)(3)(i)). */
const consentDaysAtMost = 7;

/**
 * Records the debtor's prior consent, given directly to the collector, to calls beyond the call
 * frequencies: calls placed from `givenAt` through the period's last day neither count toward the
 * 7-in-7 frequency nor are refused by it or by the quiet week after a conversation (1006.14(b)(3)(i),
 * whose exclusion covers both frequencies of (b)(2)(i)). A later consent replaces an earlier one.
 */
export function recordCallConsent(command: RecordCallConsent, state: AccountState): [CallConsentRecorded] {
  const account = requireOpen(state);
  const { givenAt = command.now, days = consentDaysAtMost } = command.data;
  const instant = pastInstant(givenAt, command.now, 'CONSENT_IN_FUTURE');
  if (!Number.isInteger(days) || days < 1 || days > consentDaysAtMost) {
    throw ruleBroken('INVALID_CONSENT_PERIOD', `days must be a whole number from 1 to ${consentDaysAtMost} (1006.14(b)(3)(i)).`, { field: 'days', days });
  }
  const givenOn = todayFor(account, instant);
  return [{ type: 'CallConsentRecorded', data: { givenAt: instant, givenOn, through: addDays(givenOn, days - 1) } }];
}

/** The longest note any path takes: a page of text. */
export const maxNoteLength = 4000;

export function addNote(command: AddNote, state: AccountState): [NoteAdded] {
  requireOpen(state);
  const text = command.data.text.trim();
  if (!text) throw ruleBroken('EMPTY_NOTE', 'A note needs some text.');
  if (text.length > maxNoteLength) throw ruleBroken('NOTE_TOO_LONG', `A note has at most ${maxNoteLength} characters.`, { field: 'text' });
  return [{ type: 'NoteAdded', data: { text } }];
}

/**
 * The validation notice goes out once, where a debt collector owes it, by letter or e-mail (see
 * noticeChannelRefusal), by a channel the debtor has not blocked, at a convenient time. It carries its
 * validation period (1006.34(b)(5)) and the itemization of the debt (1006.34(c)(2)(vi)–(viii)).
 */
export function sendValidationNotice(command: SendValidationNotice, state: AccountState): [ValidationNoticeSent] {
  const account = requireOpen(state);
  if (account.validationNotice) {
    throw conflict('VALIDATION_NOTICE_ALREADY_SENT', `The validation notice went out at ${account.validationNotice.sentAt}.`, { ...account.validationNotice });
  }
  const { channel, policies } = command.data;
  if (!owesValidationNotice(account, policies)) {
    throw ruleBroken('VALIDATION_NOTICE_NOT_OWED', 'The creditor collects its own debts: only debt collectors owe a validation notice (1006.34).');
  }
  const refusal = noticeChannelRefusal(account, channel);
  if (refusal) throw ruleBroken(refusal.code, refusal.message, { channel });
  requireContactAllowed(account, { channel, at: command.now }, policyFor(policies, account.creditorId), [blockedChannelRule, ...convenientTimeRules]);
  const itemization = itemizationOf(account);
  const period = validationPeriodOf(todayFor(account, command.now));
  const data = { channel, sentAt: command.now, ...period, ...(itemization && { itemization }) };
  // Rendered from the event's own facts (1006.34(c)), so the stored notice says what the event records.
  const message = messageFor(account, policies, command.now, { templateId: 'validation-notice', channel, facts: data });
  return [{ type: 'ValidationNoticeSent', data: { ...data, ...(message && { message }) } }];
}

/** Records why required notices may go to the debtor by e-mail (1006.42(b)), as of a day not yet to come. */
export function recordElectronicDeliveryConsent(command: RecordElectronicDeliveryConsent, state: AccountState): [ElectronicDeliveryConsentRecorded] {
  const account = requireOpen(state);
  const { basis } = command.data;
  const today = todayFor(account, command.now);
  const consentedOn = command.data.consentedOn ?? today;
  if (!electronicDeliveryBases.includes(basis)) {
    throw ruleBroken('INVALID_CONSENT_BASIS', `basis must be one of ${electronicDeliveryBases.join(', ')}.`, { field: 'basis' });
  }
  if (!isIsoDate(consentedOn)) throw ruleBroken('INVALID_DATE', 'consentedOn must be a date written YYYY-MM-DD.', { field: 'consentedOn' });
  if (consentedOn > today) {
    throw ruleBroken('CONSENT_IN_FUTURE', `Consent is recorded once given; ${consentedOn} is after today (${today}).`, { field: 'consentedOn', today });
  }
  return [{ type: 'ElectronicDeliveryConsentRecorded', data: { basis, consentedOn } }];
}

const timeOfDay = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * Records when contact suits the debtor, as they said it: a span within one day of their time zone.
 * Knowing it, a collector knows other times may be inconvenient (12 CFR 1006.6(b)(1)(i)).
 */
export function recordPreferredContactTime(command: RecordPreferredContactTime, state: AccountState): [PreferredContactTimeRecorded] {
  requireOpen(state);
  const { from, to } = command.data;
  if (!timeOfDay.test(from) || !timeOfDay.test(to) || from >= to) {
    throw ruleBroken('INVALID_CONTACT_TIME', 'from and to are times of day (HH:MM), from before to.', { from, to });
  }
  return [{ type: 'PreferredContactTimeRecorded', data: { from, to, statedAt: command.now } }];
}

export const interactionsDecisions: Decisions<InteractionsCommand> = {
  LogContactAttempt: logContactAttempt,
  AddNote: addNote,
  SendValidationNotice: sendValidationNotice,
  RecordPreferredContactTime: recordPreferredContactTime,
  RecordElectronicDeliveryConsent: recordElectronicDeliveryConsent,
  RecordCallConsent: recordCallConsent,
};
