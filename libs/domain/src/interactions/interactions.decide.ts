import { addBusinessDays, addDays } from '../calendar/calendar';
import { policyFor } from '../compliance/contact-policy';
import { blockedChannelRule, contactHoursRule, requireContactAllowed } from '../compliance/contact-rules';
import { conflict, ruleBroken } from '../errors/domain-error';
import { requireOpen, todayFor } from '../account/account.guards';
import { messageFor } from '../notices/notices.decide';
import type { AccountState } from '../account/account.state';
import type { Decisions } from '../account/capability';
import type { AddNote, LogContactAttempt, RecordPreferredContactTime, SendValidationNotice, InteractionsCommand } from './interactions.commands';
import type { ContactAttempted, NoteAdded, PreferredContactTimeRecorded, ValidationNoticeSent } from './interactions.events';

/** A contact logged up to this long after the command's clock still counts as now (clocks drift). */
const clockSkewMs = 60_000;
/** The validation period runs 30 days from assumed receipt, 5 business days after sending (1006.34(b)(5)). */
const receiptBusinessDays = 5;
const validationPeriodDays = 30;

/**
 * Records a contact made or attempted. An outbound one must pass every contact rule at the moment it
 * was made; a refusal names the rule and when contact becomes allowed again.
 */
export function logContactAttempt(command: LogContactAttempt, state: AccountState): [ContactAttempted] {
  const account = requireOpen(state);
  const { channel, direction, outcome, at = command.now, policies } = command.data;
  const when = Date.parse(at);
  if (Number.isNaN(when)) throw ruleBroken('INVALID_INSTANT', 'at must be an ISO 8601 instant.', { field: 'at' });
  if (when > Date.parse(command.now) + clockSkewMs) {
    throw ruleBroken('CONTACT_IN_FUTURE', `A contact can be logged once it has happened; at ${at} is after now (${command.now}).`, { at, now: command.now });
  }
  const instant = new Date(when).toISOString();
  if (direction === 'outbound') requireContactAllowed(account, { channel, at: instant }, policyFor(policies, account.creditorId));
  return [{ type: 'ContactAttempted', data: { channel, direction, outcome, at: instant } }];
}

export function addNote(command: AddNote, state: AccountState): [NoteAdded] {
  requireOpen(state);
  const text = command.data.text.trim();
  if (!text) throw ruleBroken('EMPTY_NOTE', 'A note needs some text.');
  return [{ type: 'NoteAdded', data: { text } }];
}

/** The validation notice goes out once, by a channel the debtor has not blocked, at a convenient time. */
export function sendValidationNotice(command: SendValidationNotice, state: AccountState): [ValidationNoticeSent] {
  const account = requireOpen(state);
  if (account.validationNotice) {
    throw conflict('VALIDATION_NOTICE_ALREADY_SENT', `The validation notice went out at ${account.validationNotice.sentAt}.`, { ...account.validationNotice });
  }
  const { channel, policies } = command.data;
  requireContactAllowed(account, { channel, at: command.now }, policyFor(policies, account.creditorId), [blockedChannelRule, contactHoursRule]);
  const receivedOn = addBusinessDays(todayFor(account, command.now), receiptBusinessDays);
  const data = { channel, sentAt: command.now, periodEndsOn: addDays(receivedOn, validationPeriodDays) };
  // Rendered from the event's own facts (1006.34(c)), so the stored notice says what the event records.
  const message = messageFor(account, policies, command.now, { templateId: 'validation-notice', channel, facts: data });
  return [{ type: 'ValidationNoticeSent', data: { ...data, ...(message && { message }) } }];
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
  return [{ type: 'PreferredContactTimeRecorded', data: { from, to } }];
}

export const interactionsDecisions: Decisions<InteractionsCommand> = {
  LogContactAttempt: logContactAttempt,
  AddNote: addNote,
  SendValidationNotice: sendValidationNotice,
  RecordPreferredContactTime: recordPreferredContactTime,
};
