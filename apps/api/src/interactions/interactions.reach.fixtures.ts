import type { InteractionsCommand } from '@arrears/domain';
import { type CapabilityReach, http, policies, scheduler } from '../command-handling/command-reach.fixtures';
import { contactPolicies } from '../command-handling/command-producers.fixtures';

/** How each field of the interactions commands is set from outside (see every-field-reachable.unit.spec.ts). */
export const interactionsReach: CapabilityReach<InteractionsCommand> = {
  LogContactAttempt: {
    fields: { channel: true, direction: true, outcome: true, at: true, invoiceIds: true, policies },
    made: [
      http('POST /accounts/:accountId/contacts', {
        channel: 'call',
        direction: 'outbound',
        outcome: 'no_answer',
        at: '2026-01-05T15:00:00Z',
        invoiceIds: ['inv-1'],
      }),
    ],
  },
  RecordCallConsent: {
    fields: { givenAt: true, days: true },
    made: [http('POST /accounts/:accountId/call-consent', { givenAt: '2026-01-05T15:00:00Z', days: 3 })],
  },
  AddNote: { fields: { text: true }, made: [http('POST /accounts/:accountId/notes', { text: 'Called back later' })] },
  SendValidationNotice: {
    fields: { channel: true, policies },
    made: [
      http('POST /accounts/:accountId/validation-notice', { channel: 'letter' }),
      scheduler([{ type: 'LogContactAttempt', data: { channel: 'call', direction: 'inbound', outcome: 'right_party_contact', policies: contactPolicies } }]),
    ],
  },
  RecordElectronicDeliveryConsent: {
    fields: { basis: true, consentedOn: true },
    made: [http('POST /accounts/:accountId/electronic-delivery-consent', { basis: 'esign_consent', consentedOn: '2026-01-05' })],
  },
  RecordPreferredContactTime: {
    fields: { from: true, to: true },
    made: [http('POST /accounts/:accountId/preferred-contact-time', { from: '18:00', to: '20:30' })],
  },
};
