import { deciderSpecification } from '@arrears/testing';
import { regulationFEverywhere } from '../compliance/contact-policy';
import { accountDecider, command, opened } from '../account/account.fixtures';
import type { AddNote, SendValidationNotice } from './interactions.commands';

const spec = deciderSpecification(accountDecider);
const now = '2026-02-10T15:00:00.000Z';

describe('AddNote', () => {
  it('adds a trimmed note, never an empty one', () => {
    spec.given([opened]).when(command<AddNote>('AddNote', { text: ' called back ' }, now)).then([{ type: 'NoteAdded', data: { text: 'called back' } }]);
    spec.given([opened]).when(command<AddNote>('AddNote', { text: '  ' }, now)).thenThrows('EMPTY_NOTE');
  });
});

describe('SendValidationNotice', () => {
  const send = (at = now) => command<SendValidationNotice>('SendValidationNotice', { channel: 'email', policies: regulationFEverywhere }, at);
  it('sends it once; the period ends 30 days after receipt, assumed 5 business days after sending', () => {
    // Tuesday 02-10 + 5 business days = Tuesday 02-17; + 30 days = 03-19.
    spec.given([opened]).when(send()).then([{ type: 'ValidationNoticeSent', data: { channel: 'email', sentAt: now, periodEndsOn: '2026-03-19' } }]);
    spec.given([opened, { type: 'ValidationNoticeSent', data: { channel: 'email', sentAt: now, periodEndsOn: '2026-03-19' } }]).when(send()).thenThrows('VALIDATION_NOTICE_ALREADY_SENT');
  });
  it('keeps to contact hours and blocked channels', () => {
    spec.given([opened]).when(send('2026-02-11T03:00:00.000Z')).thenThrows('OUTSIDE_CONTACT_HOURS');
    spec.given([opened, { type: 'ChannelBlocked', data: { channel: 'email' } }]).when(send()).thenThrows('CHANNEL_BLOCKED');
  });
});
