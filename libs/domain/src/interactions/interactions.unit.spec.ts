import { deciderSpecification } from '@arrears/testing';
import { regulationFEverywhere, type ContactChannel } from '../compliance/contact-policy';
import { demoCreditorProfile } from '../compliance/creditor-profile';
import type { AccountEvent } from '../account/account.events';
import { accountDecider, command, issued, opened, openedWithout, paymentReceived } from '../account/account.fixtures';
import type { AddNote, RecordElectronicDeliveryConsent, RecordPreferredContactTime, SendValidationNotice } from './interactions.commands';

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
  it('takes a note of a page at most, on every path', () => {
    spec
      .given([opened])
      .when(command<AddNote>('AddNote', { text: 'x'.repeat(4000) }, now))
      .then([{ type: 'NoteAdded', data: { text: 'x'.repeat(4000) } }]);
    spec
      .given([opened])
      .when(command<AddNote>('AddNote', { text: 'x'.repeat(4001) }, now))
      .thenThrows('NOTE_TOO_LONG', { field: 'text' });
  });
});

describe('SendValidationNotice', () => {
  /** The notice as decided: with what it says, rendered from its own facts (1006.34(c); the notices specs' part). */
  const rendered = (event: AccountEvent, periodEnd: string): AccountEvent =>
    ({
      ...event,
      data: { ...event.data, message: expect.objectContaining({ templateId: 'validation-notice', body: expect.stringContaining(`by ${periodEnd}`) }) },
    }) as AccountEvent;
  const send = (at = now, channel: ContactChannel = 'letter') =>
    command<SendValidationNotice>('SendValidationNotice', { channel, policies: regulationFEverywhere }, at);
  const consented: AccountEvent = { type: 'ElectronicDeliveryConsentRecorded', data: { basis: 'esign_consent', consentedOn: '2026-02-01' } };
  it('sends it once; the period ends 30 days after receipt, assumed 5 business days after sending (1006.34(b)(5))', () => {
    // Tuesday 02-10 + 5 business days, Washington's Birthday (Monday 02-16) not one = Wednesday 02-18; + 30 days = Friday 03-20.
    const sent: AccountEvent = { type: 'ValidationNoticeSent', data: { channel: 'letter', sentAt: now, receivedOn: '2026-02-18', periodEndsOn: '2026-03-20' } };
    spec
      .given([opened])
      .when(send())
      .then([rendered(sent, 'March 20, 2026')]);
    spec.given([opened, sent]).when(send()).thenThrows('VALIDATION_NOTICE_ALREADY_SENT');
  });
  it('ends the period on the next business day when the 30th day is none (1006.34(b)(5), read for the debtor)', () => {
    // Sent Friday 2026-10-02, received Friday 10-09; + 30 days = Sunday 11-08, so Monday 11-09.
    spec
      .given([opened])
      .when(send('2026-10-02T15:00:00.000Z'))
      .then([
        rendered(
          {
            type: 'ValidationNoticeSent',
            data: { channel: 'letter', sentAt: '2026-10-02T15:00:00.000Z', receivedOn: '2026-10-09', periodEndsOn: '2026-11-09' },
          },
          'November 9, 2026',
        ),
      ]);
    // Sent Tuesday 11-24, received Wednesday 12-02 (Thanksgiving, 11-26, not counted); + 30 days = New Year's Day 2027, so Monday 01-04.
    spec
      .given([opened])
      .when(send('2026-11-24T15:00:00.000Z'))
      .then([
        rendered(
          {
            type: 'ValidationNoticeSent',
            data: { channel: 'letter', sentAt: '2026-11-24T15:00:00.000Z', receivedOn: '2026-12-02', periodEndsOn: '2027-01-04' },
          },
          'January 4, 2027',
        ),
      ]);
  });
  it('is not sent lacking the consumer’s name or mailing address (1006.34(c)(2)(ii)), by any channel', () => {
    spec
      .given([openedWithout('address')])
      .when(send(now))
      .thenThrows('VALIDATION_NOTICE_INCOMPLETE');
    spec
      .given([openedWithout('name'), consented])
      .when(send(now, 'email'))
      .thenThrows('VALIDATION_NOTICE_INCOMPLETE');
  });
  it('goes by letter or e-mail only, never by text or call (1006.34(a)(1)(i), 1006.42)', () => {
    spec.given([opened]).when(send(now, 'sms')).thenThrows('VALIDATION_NOTICE_CHANNEL');
    spec.given([opened]).when(send(now, 'call')).thenThrows('VALIDATION_NOTICE_CHANNEL');
  });
  it('goes by e-mail only once E-SIGN consent or a safe-harbour procedure is recorded (1006.42(b))', () => {
    spec.given([opened]).when(send(now, 'email')).thenThrows('ELECTRONIC_DELIVERY_NOT_ESTABLISHED');
    // Consent to e-mail delivery without an address to deliver to: nothing would arrive, so nothing is recorded as provided.
    spec
      .given([openedWithout('email'), consented])
      .when(send(now, 'email'))
      .thenThrows('NO_EMAIL_ADDRESS');
    spec
      .given([opened, consented])
      .when(send(now, 'email'))
      .then([
        rendered(
          { type: 'ValidationNoticeSent', data: { channel: 'email', sentAt: now, receivedOn: '2026-02-18', periodEndsOn: '2026-03-20' } },
          'March 20, 2026',
        ),
      ]);
  });
  it('keeps to contact hours and blocked channels', () => {
    spec.given([opened, consented]).when(send('2026-02-11T03:00:00.000Z', 'email')).thenThrows('OUTSIDE_CONTACT_HOURS');
    spec
      .given([opened, { type: 'ChannelBlocked', data: { channel: 'letter' } }])
      .when(send())
      .thenThrows('CHANNEL_BLOCKED');
  });
  it('is owed by debt collectors only: a creditor collecting its own debts sends none', () => {
    const firstParty = { ...regulationFEverywhere, profiles: { default: { ...demoCreditorProfile, debtCollector: false }, byCreditor: {} } };
    spec
      .given([opened])
      .when(command<SendValidationNotice>('SendValidationNotice', { channel: 'letter', policies: firstParty }, now))
      .thenThrows('VALIDATION_NOTICE_NOT_OWED');
  });
  it('itemizes the open debt (1006.34(c)(2)(vi)–(viii))', () => {
    const events = [
      opened,
      issued('inv-1', 40_000, '2026-01-01', '2026-01-31'),
      paymentReceived(5_000, '2026-02-01', { allocations: [{ invoiceId: 'inv-1', amount: 5_000 }] }),
    ];
    const [sent] = accountDecider.decide(send(), events.reduce(accountDecider.evolve, accountDecider.initialState()));
    expect(sent?.type === 'ValidationNoticeSent' && sent.data.itemization).toEqual({
      itemizationDate: '2026-01-01',
      amountOnItemizationDate: 40_000,
      interest: 0,
      fees: 0,
      payments: 5_000,
      credits: 0,
      currentAmount: 35_000,
      currency: 'USD',
    });
  });
});

describe('RecordElectronicDeliveryConsent', () => {
  const record = (data: RecordElectronicDeliveryConsent['data']) => command<RecordElectronicDeliveryConsent>('RecordElectronicDeliveryConsent', data, now);
  it('records the basis, as of today unless told the day', () => {
    spec
      .given([opened])
      .when(record({ basis: 'safe_harbor_procedure' }))
      .then([{ type: 'ElectronicDeliveryConsentRecorded', data: { basis: 'safe_harbor_procedure', consentedOn: '2026-02-10' } }]);
    spec
      .given([opened])
      .when(record({ basis: 'esign_consent', consentedOn: '2026-01-15' }))
      .then([{ type: 'ElectronicDeliveryConsentRecorded', data: { basis: 'esign_consent', consentedOn: '2026-01-15' } }]);
  });
  it('refuses an unknown basis, a date that is none and a day still to come', () => {
    spec
      .given([opened])
      .when(record({ basis: 'verbal' as 'esign_consent' }))
      .thenThrows('INVALID_CONSENT_BASIS');
    spec
      .given([opened])
      .when(record({ basis: 'esign_consent', consentedOn: '2026-02-30' }))
      .thenThrows('INVALID_DATE');
    spec
      .given([opened])
      .when(record({ basis: 'esign_consent', consentedOn: '2026-02-11' }))
      .thenThrows('CONSENT_IN_FUTURE');
  });
});

describe('RecordPreferredContactTime', () => {
  const prefer = (from: string, to: string) => command<RecordPreferredContactTime>('RecordPreferredContactTime', { from, to }, now);
  it('records the span of the day the debtor prefers, in their time zone, and when they said it', () => {
    spec
      .given([opened])
      .when(prefer('18:00', '20:30'))
      .then([{ type: 'PreferredContactTimeRecorded', data: { from: '18:00', to: '20:30', statedAt: '2026-02-10T15:00:00.000Z' } }]);
    spec
      .given([opened])
      .when(prefer('00:00', '23:59'))
      .then([{ type: 'PreferredContactTimeRecorded', data: { from: '00:00', to: '23:59', statedAt: '2026-02-10T15:00:00.000Z' } }]);
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
