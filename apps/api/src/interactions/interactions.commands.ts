import { accountCommand, type CommandDeclarations } from '../command-handling/account-command.declaration';
import {
  AddNoteRequest,
  CallConsentRequest,
  ElectronicDeliveryConsentRequest,
  LogContactRequest,
  PreferredContactTimeRequest,
  ValidationNoticeRequest,
} from './interactions.requests';

/** Contacts with the debtor (checked against the contact rules in force), notes, and the validation notice. */
export const interactionsCommands: CommandDeclarations = {
  logContact: accountCommand({
    route: 'POST /accounts/:accountId/contacts',
    roles: ['agent', 'supervisor'],
    summary: 'Log a contact or attempt; outbound ones are checked against the contact rules (422 names the rule and when contact is allowed again)',
    status: 201,
    request: LogContactRequest,
    command: ({ request: { channel, direction, outcome, at, invoiceIds }, policies }) => ({
      type: 'LogContactAttempt',
      data: { channel, direction, outcome, ...(at && { at }), ...(invoiceIds && { invoiceIds }), policies },
    }),
  }),
  recordCallConsent: accountCommand({
    route: 'POST /accounts/:accountId/call-consent',
    roles: ['agent', 'supervisor'],
    summary:
      'Record the debtor’s consent, given directly, to further calls for up to 7 days: those calls neither count toward nor are refused by the call frequencies',
    status: 201,
    request: CallConsentRequest,
    optionalBody: true,
    command: ({ request: { givenAt, days } }) => ({
      type: 'RecordCallConsent',
      data: { ...(givenAt && { givenAt }), ...(days !== undefined && { days }) },
    }),
  }),

  addNote: accountCommand({
    route: 'POST /accounts/:accountId/notes',
    roles: ['agent', 'supervisor'],
    summary: 'Add a note',
    status: 201,
    request: AddNoteRequest,
    command: ({ request }) => ({ type: 'AddNote', data: { text: request.text } }),
  }),

  sendValidationNotice: accountCommand({
    route: 'POST /accounts/:accountId/validation-notice',
    roles: ['agent', 'supervisor', 'system'],
    summary:
      'Send the validation notice (once, by a debt collector; by letter, or by e-mail once electronic delivery is recorded; starts the validation period)',
    status: 201,
    request: ValidationNoticeRequest,
    command: ({ request, policies }) => ({ type: 'SendValidationNotice', data: { channel: request.channel, policies } }),
  }),

  recordElectronicDeliveryConsent: accountCommand({
    route: 'POST /accounts/:accountId/electronic-delivery-consent',
    roles: ['agent', 'supervisor'],
    summary: 'Record why required notices may go by e-mail: the debtor’s E-SIGN consent or a 1006.42(b) safe-harbour procedure',
    status: 201,
    request: ElectronicDeliveryConsentRequest,
    command: ({ request: { basis, consentedOn } }) => ({ type: 'RecordElectronicDeliveryConsent', data: { basis, ...(consentedOn && { consentedOn }) } }),
  }),

  recordPreferredContactTime: accountCommand({
    route: 'POST /accounts/:accountId/preferred-contact-time',
    roles: ['agent', 'supervisor'],
    summary: 'Record when contact suits the debtor, as they said it (times of day in their time zone)',
    status: 201,
    request: PreferredContactTimeRequest,
    command: ({ request: { from, to } }) => ({ type: 'RecordPreferredContactTime', data: { from, to } }),
  }),
};
