import type { RenderedMessage } from '../notices/notices.events';
import { deciderSpecification } from '@arrears/testing';
import { regulationFEverywhere } from '../compliance/contact-policy';
import { accountDecider, command, opened } from '../account/account.fixtures';
import type { AddNote, RecordPreferredContactTime, SendValidationNotice } from './interactions.commands';

const spec = deciderSpecification(accountDecider);
const now = '2026-02-10T15:00:00.000Z';

describe('AddNote', () => {
  it('adds a trimmed note, never an empty one', () => {
    spec
      .given([opened])
      .when(command<AddNote>('AddNote', { text: ' called back ' }, now))
      .then([{ type: 'NoteAdded', data: { text: 'called back' } }]);
    spec
      .given([opened])
      .when(command<AddNote>('AddNote', { text: '  ' }, now))
      .thenThrows('EMPTY_NOTE');
  });
});

describe('SendValidationNotice', () => {
  const send = (at = now) => command<SendValidationNotice>('SendValidationNotice', { channel: 'email', policies: regulationFEverywhere }, at);
  it('sends it once; the period ends 30 days after receipt, assumed 5 business days after sending', () => {
    // Tuesday 02-10 + 5 business days = Tuesday 02-17; + 30 days = 03-19.
    spec
      .given([opened])
      .when(send())
      .then([
        {
          type: 'ValidationNoticeSent',
          data: {
            channel: 'email',
            sentAt: now,
            periodEndsOn: '2026-03-19',
            // The notice as it went out, rendered from the event's own facts (1006.34(c)).
            message: expect.objectContaining({
              templateId: 'validation-notice',
              version: 1,
              body: expect.stringContaining('Call or write to us by March 19, 2026'),
            }) as RenderedMessage,
          },
        },
      ]);
    spec
      .given([opened, { type: 'ValidationNoticeSent', data: { channel: 'email', sentAt: now, periodEndsOn: '2026-03-19' } }])
      .when(send())
      .thenThrows('VALIDATION_NOTICE_ALREADY_SENT');
  });
  it('keeps to contact hours and blocked channels', () => {
    spec.given([opened]).when(send('2026-02-11T03:00:00.000Z')).thenThrows('OUTSIDE_CONTACT_HOURS');
    spec
      .given([opened, { type: 'ChannelBlocked', data: { channel: 'email' } }])
      .when(send())
      .thenThrows('CHANNEL_BLOCKED');
  });
});

describe('RecordPreferredContactTime', () => {
  const prefer = (from: string, to: string) => command<RecordPreferredContactTime>('RecordPreferredContactTime', { from, to }, now);
  it('records the span of the day the debtor prefers, in their time zone', () => {
    spec
      .given([opened])
      .when(prefer('18:00', '20:30'))
      .then([{ type: 'PreferredContactTimeRecorded', data: { from: '18:00', to: '20:30' } }]);
    spec
      .given([opened])
      .when(prefer('00:00', '23:59'))
      .then([{ type: 'PreferredContactTimeRecorded', data: { from: '00:00', to: '23:59' } }]);
  });
  it('refuses what is not a span within one day', () => {
    spec.given([opened]).when(prefer('20:00', '18:00')).thenThrows('INVALID_CONTACT_TIME');
    spec.given([opened]).when(prefer('18:00', '18:00')).thenThrows('INVALID_CONTACT_TIME');
    spec.given([opened]).when(prefer('24:00', '24:30')).thenThrows('INVALID_CONTACT_TIME');
    spec.given([opened]).when(prefer('9:00', '17:00')).thenThrows('INVALID_CONTACT_TIME');
  });
  it('keeps the latest preference on the account', () => {
    const recorded = (from: string, to: string) => ({ type: 'PreferredContactTimeRecorded' as const, data: { from, to } });
    const state = [opened, recorded('08:00', '09:00'), recorded('18:00', '20:00')].reduce(accountDecider.evolve, accountDecider.initialState());
    expect(state.status !== 'unopened' && state.interactions.preferredContactTime).toEqual({ from: '18:00', to: '20:00' });
  });
});
