import { deciderSpecification } from '@arrears/testing';
import type { LogContactAttempt, RecordCallConsent } from '../account/account.commands';
import type { AccountEvent, ContactAttempted } from '../account/account.events';
import { accountDecider, command, issued, opened, paymentReceived } from '../account/account.fixtures';
import type { OpenedAccount } from '../account/account.state';
import { regulationF, regulationFEverywhere, stricterPolicy, type ContactChannel, type ContactPolicy } from './contact-policy';
import { contactRefusals, contactSubjectOf, nextAllowedContact } from './contact-rules';

/*
 * The debtor lives in New York (UTC−5 in winter, UTC−4 from 2026-03-08). Times below are UTC;
 * 15:00Z is 10:00 in New York in winter.
 */
const spec = deciderSpecification(accountDecider);
const billed = [opened, issued('inv-1', 50_000, '2026-01-01', '2026-01-31')];
const contact = (
  at: string,
  channel: ContactChannel = 'call',
  outcome: ContactAttempted['data']['outcome'] = 'no_answer',
  policy: ContactPolicy = regulationF,
) =>
  command<LogContactAttempt>(
    'LogContactAttempt',
    { channel, direction: 'outbound', outcome, at, policies: { default: regulationF, byCreditor: { 'cred-1': policy } } },
    at,
  );
const attempted = (at: string, channel: ContactChannel = 'call', outcome: ContactAttempted['data']['outcome'] = 'no_answer'): AccountEvent => ({
  type: 'ContactAttempted',
  data: { channel, direction: 'outbound', outcome, at },
});
const validated: AccountEvent = { type: 'ValidationNoticeSent', data: { channel: 'letter', sentAt: '2026-02-01T15:00:00.000Z', periodEndsOn: '2026-03-10' } };
const known = [...billed, validated];
/** Calls at 10:00 New York time on each of the given February days. */
const callsOn = (...days: number[]) => days.map((day) => attempted(`2026-02-${String(day).padStart(2, '0')}T15:00:00.000Z`));

describe('Regulation F: call frequency (7 calls in 7 consecutive days)', () => {
  it('allows the 7th call in 7 days', () => {
    spec
      .given([...known, ...callsOn(10, 11, 12, 13, 14, 15)])
      .when(contact('2026-02-16T15:00:00.000Z'))
      .then([attempted('2026-02-16T15:00:00.000Z')]);
  });
  it('refuses the 8th, and says it is allowed again when the oldest call leaves the window', () => {
    spec
      .given([...known, ...callsOn(10, 11, 12, 13, 14, 15, 16)])
      .when(contact('2026-02-16T20:00:00.000Z'))
      .thenThrows('CALL_FREQUENCY_LIMIT', { allowedFrom: '2026-02-17T13:00:00.000Z' });
  });
  it('counts by the debtor’s calendar days: the window moves at midnight in New York', () => {
    // The 02-10 call drops out on 02-17 local: allowed at 08:00 local that day.
    spec
      .given([...known, ...callsOn(10, 11, 12, 13, 14, 15, 16)])
      .when(contact('2026-02-17T13:00:00.000Z'))
      .then([attempted('2026-02-17T13:00:00.000Z')]);
  });
  it('holds a creditor to a stricter rule set: the 3rd call in 7 days under 2 calls per 7 days', () => {
    const massachusetts = stricterPolicy({ maxCallsIn7Days: 2 });
    spec
      .given([...known, ...callsOn(10, 12)])
      .when(contact('2026-02-13T15:00:00.000Z', 'call', 'no_answer', massachusetts))
      .thenThrows('CALL_FREQUENCY_LIMIT', { allowedFrom: '2026-02-17T13:00:00.000Z' });
  });
  it('never lets a rule set be looser than Regulation F', () => {
    expect(() => stricterPolicy({ maxCallsIn7Days: 8 })).toThrow(/stricter/);
    expect(() => stricterPolicy({ contactHours: { from: 7 * 60, until: 21 * 60 } })).toThrow(/stricter/);
  });
  it('does not count other channels', () => {
    spec
      .given([...known, ...callsOn(10, 11, 12, 13, 14, 15, 16)])
      .when(contact('2026-02-16T20:00:00.000Z', 'email'))
      .then([attempted('2026-02-16T20:00:00.000Z', 'email')]);
  });
});

describe('Regulation F: 7 days without calls after a telephone conversation', () => {
  const talked = attempted('2026-02-10T15:00:00.000Z', 'call', 'right_party_contact');
  it('refuses a call on the 7th day counting the conversation’s day as the first', () => {
    spec
      .given([...known, talked])
      .when(contact('2026-02-16T20:00:00.000Z'))
      .thenThrows('RECENT_CONVERSATION', { allowedFrom: '2026-02-17T13:00:00.000Z' });
  });
  it('allows calls from the 8th day', () => {
    spec
      .given([...known, talked])
      .when(contact('2026-02-17T13:00:00.000Z'))
      .then([attempted('2026-02-17T13:00:00.000Z')]);
  });
  it('lets other channels through', () => {
    spec
      .given([...known, talked])
      .when(contact('2026-02-11T15:00:00.000Z', 'sms'))
      .then([attempted('2026-02-11T15:00:00.000Z', 'sms')]);
  });
  it('counts a call in which the debtor refused to pay as a conversation: they were reached all the same', () => {
    const refused = attempted('2026-02-10T15:00:00.000Z', 'call', 'refused_to_pay');
    spec
      .given([...known, refused])
      .when(contact('2026-02-16T20:00:00.000Z'))
      .thenThrows('RECENT_CONVERSATION', { allowedFrom: '2026-02-17T13:00:00.000Z' });
    spec
      .given([...known, refused])
      .when(contact('2026-02-17T13:00:00.000Z'))
      .then([attempted('2026-02-17T13:00:00.000Z')]);
  });
  it.each(['no_answer', 'left_message', 'wrong_party', 'not_connected'] as const)('does not count a call ending %s as a conversation', (outcome) => {
    spec
      .given([...known, attempted('2026-02-10T15:00:00.000Z', 'call', outcome)])
      .when(contact('2026-02-11T15:00:00.000Z'))
      .then([attempted('2026-02-11T15:00:00.000Z')]);
  });
});

describe('Regulation F: 08:00–21:00 at the debtor’s local time', () => {
  it('allows 20:59 and refuses 21:00, naming 08:00 the next morning', () => {
    spec
      .given(known)
      .when(contact('2026-02-11T01:59:00.000Z'))
      .then([attempted('2026-02-11T01:59:00.000Z')]);
    spec.given(known).when(contact('2026-02-11T02:00:00.000Z')).thenThrows('OUTSIDE_CONTACT_HOURS', { allowedFrom: '2026-02-11T13:00:00.000Z' });
  });
  it('refuses 07:59 and allows 08:00', () => {
    spec.given(known).when(contact('2026-02-11T12:59:00.000Z')).thenThrows('OUTSIDE_CONTACT_HOURS', { allowedFrom: '2026-02-11T13:00:00.000Z' });
    spec
      .given(known)
      .when(contact('2026-02-11T13:00:00.000Z'))
      .then([attempted('2026-02-11T13:00:00.000Z')]);
  });
  it('moves with daylight saving time: 08:00 is 13:00Z on 03-07 and 12:00Z on 03-09', () => {
    spec
      .given(known)
      .when(contact('2026-03-09T12:00:00.000Z'))
      .then([attempted('2026-03-09T12:00:00.000Z')]);
    spec.given(known).when(contact('2026-03-07T12:30:00.000Z')).thenThrows('OUTSIDE_CONTACT_HOURS', { allowedFrom: '2026-03-07T13:00:00.000Z' });
    // 21:30 on Saturday 03-07 (EST): the next 08:00 is Sunday 03-08, already in daylight time.
    spec.given(known).when(contact('2026-03-08T02:30:00.000Z')).thenThrows('OUTSIDE_CONTACT_HOURS', { allowedFrom: '2026-03-08T12:00:00.000Z' });
  });
  it('must hold in every zone the debtor may be in', () => {
    const twoZones: AccountEvent = {
      ...opened,
      data: { ...(opened.data as object), debtor: { reference: 'D-100', timeZone: 'America/New_York', otherTimeZones: ['America/Los_Angeles'] } },
    } as AccountEvent;
    // 08:30 in New York is 05:30 in Los Angeles: allowed from 08:00 there, 16:00Z.
    spec
      .given([twoZones, issued('inv-1', 50_000, '2026-01-01', '2026-01-31'), validated])
      .when(contact('2026-02-11T13:30:00.000Z'))
      .thenThrows('OUTSIDE_CONTACT_HOURS', { allowedFrom: '2026-02-11T16:00:00.000Z' });
  });
  it('does not apply to letters', () => {
    spec
      .given(known)
      .when(contact('2026-02-11T04:00:00.000Z', 'letter'))
      .then([attempted('2026-02-11T04:00:00.000Z', 'letter')]);
  });
});

describe('Regulation F: the span the debtor said suits them (1006.6(b)(1)(i), comment 6(b)(1)-1)', () => {
  const stated = (from: string, to: string): AccountEvent => ({ type: 'PreferredContactTimeRecorded', data: { from, to } });
  const afternoons = [...known, stated('13:00', '17:00')];
  it('refuses 12:59 and allows 13:00 in the debtor’s zone', () => {
    spec.given(afternoons).when(contact('2026-02-11T17:59:00.000Z')).thenThrows('OUTSIDE_STATED_CONTACT_TIME', { allowedFrom: '2026-02-11T18:00:00.000Z' });
    spec
      .given(afternoons)
      .when(contact('2026-02-11T18:00:00.000Z'))
      .then([attempted('2026-02-11T18:00:00.000Z')]);
  });
  it('allows 16:59 and refuses 17:00, naming 13:00 the next day', () => {
    spec
      .given(afternoons)
      .when(contact('2026-02-11T21:59:00.000Z'))
      .then([attempted('2026-02-11T21:59:00.000Z')]);
    spec.given(afternoons).when(contact('2026-02-11T22:00:00.000Z')).thenThrows('OUTSIDE_STATED_CONTACT_TIME', { allowedFrom: '2026-02-12T18:00:00.000Z' });
  });
  it('holds e-mail and text messages to it as well as calls, and letters not', () => {
    spec.given(afternoons).when(contact('2026-02-11T15:00:00.000Z', 'email')).thenThrows('OUTSIDE_STATED_CONTACT_TIME');
    spec.given(afternoons).when(contact('2026-02-11T15:00:00.000Z', 'sms')).thenThrows('OUTSIDE_STATED_CONTACT_TIME');
    spec
      .given(afternoons)
      .when(contact('2026-02-11T15:00:00.000Z', 'letter'))
      .then([attempted('2026-02-11T15:00:00.000Z', 'letter')]);
  });
  it('only narrows 08:00–21:00: a span from 06:00 allows contact from 08:00, not before', () => {
    const early = [...known, stated('06:00', '10:00')];
    spec.given(early).when(contact('2026-02-11T11:30:00.000Z')).thenThrows('OUTSIDE_CONTACT_HOURS', { allowedFrom: '2026-02-11T13:00:00.000Z' });
    spec
      .given(early)
      .when(contact('2026-02-11T13:00:00.000Z'))
      .then([attempted('2026-02-11T13:00:00.000Z')]);
  });
  it('does not reach back: a call made before the debtor stated the span, logged after, is recorded', () => {
    // Stated at 10:30 New York time, during a call placed at 10:00; the call is logged after.
    const statedDuringCall: AccountEvent = { type: 'PreferredContactTimeRecorded', data: { from: '13:00', to: '17:00', statedAt: '2026-02-11T15:30:00.000Z' } };
    spec
      .given([...known, statedDuringCall])
      .when(contact('2026-02-11T15:00:00.000Z', 'call', 'right_party_contact'))
      .then([attempted('2026-02-11T15:00:00.000Z', 'call', 'right_party_contact')]);
    spec
      .given([...known, statedDuringCall])
      .when(contact('2026-02-11T15:30:00.000Z'))
      .thenThrows('OUTSIDE_STATED_CONTACT_TIME');
  });
  it('follows the latest span the debtor stated', () => {
    spec
      .given([...afternoons, stated('09:00', '11:00')])
      .when(contact('2026-02-11T15:00:00.000Z'))
      .then([attempted('2026-02-11T15:00:00.000Z')]);
  });
  it('finds the first instant both allow, and none when the span lies wholly outside 08:00–21:00', () => {
    const account = (events: AccountEvent[]) => contactSubjectOf(events.reduce(accountDecider.evolve, accountDecider.initialState()) as OpenedAccount);
    const at = '2026-02-11T23:30:00.000Z'; // 18:30 in New York
    expect(nextAllowedContact(account(afternoons), { channel: 'call', at }, regulationF)).toBe('2026-02-12T18:00:00.000Z');
    expect(nextAllowedContact(account([...known, stated('05:00', '07:30')]), { channel: 'call', at }, regulationF)).toBeNull();
  });
});

describe('Regulation F: what only an event lifts', () => {
  const refused = (given: AccountEvent[], code: string) => {
    spec
      .given([...known, ...given])
      .when(contact('2026-02-11T15:00:00.000Z'))
      .thenThrows(code, { allowedFrom: null });
  };
  it('refuses contact after a cease request', () => {
    refused([{ type: 'CeaseCommunicationRequested', data: { requestedOn: '2026-02-05' } }], 'CEASE_REQUESTED');
  });
  it('refuses a blocked channel', () => {
    refused([{ type: 'ChannelBlocked', data: { channel: 'call' } }], 'CHANNEL_BLOCKED');
  });
  it('refuses while a dispute is open', () => {
    refused(
      [{ type: 'DisputeRaised', data: { disputeId: 'd-1', invoiceId: null, reason: 'not mine', amount: 50_000, currency: 'USD', raisedOn: '2026-02-05' } }],
      'DISPUTE_OPEN',
    );
  });
  it('refuses when the validation notice is more than 5 days late', () => {
    spec
      .given([...billed, attempted('2026-02-05T15:00:00.000Z', 'call', 'right_party_contact')])
      .when(contact('2026-02-13T15:00:00.000Z', 'email'))
      .thenThrows('VALIDATION_NOTICE_OVERDUE');
    spec
      .given([...billed, attempted('2026-02-05T15:00:00.000Z', 'email')])
      .when(contact('2026-02-10T15:00:00.000Z', 'email'))
      .then([attempted('2026-02-10T15:00:00.000Z', 'email')]);
  });
  it('lets a dispute’s rejection lift the pause', () => {
    spec
      .given([
        ...known,
        { type: 'DisputeRaised', data: { disputeId: 'd-1', invoiceId: null, reason: 'not mine', amount: 50_000, currency: 'USD', raisedOn: '2026-02-05' } },
        { type: 'DisputeResolved', data: { disputeId: 'd-1', outcome: 'rejected', adjustments: [] } },
      ])
      .when(contact('2026-02-11T15:00:00.000Z'))
      .then([attempted('2026-02-11T15:00:00.000Z')]);
  });
});

describe('Regulation F: holds', () => {
  const held: AccountEvent = { type: 'HoldPlaced', data: { holdId: 'h-1', reason: 'hospital stay', until: '2026-02-14' } };
  it('refuses through the hold’s last day, allowed from 08:00 the day after', () => {
    spec
      .given([...known, held])
      .when(contact('2026-02-14T20:00:00.000Z'))
      .thenThrows('ACCOUNT_ON_HOLD', { allowedFrom: '2026-02-15T13:00:00.000Z' });
    spec
      .given([...known, held])
      .when(contact('2026-02-15T13:00:00.000Z'))
      .then([attempted('2026-02-15T13:00:00.000Z')]);
  });
});

describe('The contact subject a read model keeps', () => {
  const disputeRaised = (disputeId: string): AccountEvent => ({
    type: 'DisputeRaised',
    data: { disputeId, invoiceId: null, reason: 'not mine', amount: 50_000, currency: 'USD', raisedOn: '2026-02-05' },
  });
  const events: AccountEvent[] = [
    ...known,
    ...callsOn(2, 3),
    disputeRaised('d-1'),
    { type: 'DisputeResolved', data: { disputeId: 'd-1', outcome: 'rejected', adjustments: [] } },
    { type: 'HoldPlaced', data: { holdId: 'h-1', reason: 'hospital stay', until: '2026-02-20' } },
    { type: 'HoldReleased', data: { holdId: 'h-1', reason: 'released' } },
    { type: 'ChannelBlocked', data: { channel: 'sms' } },
  ];
  const fold = (given: AccountEvent[]) => given.reduce(accountDecider.evolve, accountDecider.initialState()) as OpenedAccount;

  it('keeps only the disputes and holds that can still refuse, and answers as the whole account does', () => {
    const withOpen = [
      ...events,
      disputeRaised('d-2'),
      { type: 'HoldPlaced', data: { holdId: 'h-2', reason: 'bereavement', until: '2026-02-25' } } as AccountEvent,
    ];
    for (const given of [events, withOpen]) {
      const account = fold(given);
      const subject = contactSubjectOf(account);
      for (const at of ['2026-02-11T02:00:00.000Z', '2026-02-11T15:00:00.000Z', '2026-02-26T15:00:00.000Z'])
        for (const channel of ['call', 'sms', 'email'] as const) {
          expect(contactRefusals(subject, { channel, at }, regulationF)).toEqual(contactRefusals(account, { channel, at }, regulationF));
          expect(nextAllowedContact(subject, { channel, at }, regulationF)).toBe(nextAllowedContact(account, { channel, at }, regulationF));
        }
    }
    const subject = contactSubjectOf(fold(withOpen));
    expect(Object.keys(subject.disputes)).toEqual(['d-2']);
    expect(Object.keys(subject.holds)).toEqual(['h-2']);
    expect(subject.debtor).toEqual({ timeZone: 'America/New_York' });
  });
});

describe('LogContactAttempt', () => {
  it('records inbound contacts without the outbound rules', () => {
    const inbound = command<LogContactAttempt>(
      'LogContactAttempt',
      { channel: 'call', direction: 'inbound', outcome: 'right_party_contact', at: '2026-02-11T03:00:00.000Z', policies: regulationFEverywhere },
      '2026-02-11T03:00:00.000Z',
    );
    spec
      .given(known)
      .when(inbound)
      .then([{ type: 'ContactAttempted', data: { channel: 'call', direction: 'inbound', outcome: 'right_party_contact', at: '2026-02-11T03:00:00.000Z' } }]);
  });
  it('refuses a contact logged in the future', () => {
    const later = command<LogContactAttempt>(
      'LogContactAttempt',
      { channel: 'call', direction: 'outbound', outcome: 'no_answer', at: '2026-02-11T16:00:00.000Z', policies: regulationFEverywhere },
      '2026-02-11T15:00:00.000Z',
    );
    spec.given(known).when(later).thenThrows('CONTACT_IN_FUTURE');
  });
  it('refuses on an account that does not exist', () => {
    spec.given([]).when(contact('2026-02-11T15:00:00.000Z')).thenThrows('ACCOUNT_NOT_FOUND');
  });
});

describe('Regulation F: calls that do not count toward 7 in 7 (1006.14(b)(3))', () => {
  const sixCounted = callsOn(10, 11, 12, 13, 14, 15);
  it('does not count a call not connected to the dialed number (1006.14(b)(3)(ii), comment 14(b)(3)(ii)-1)', () => {
    // A 7th attempt that met a busy signal leaves room for the 7th counted call.
    spec
      .given([...known, ...sixCounted, attempted('2026-02-16T14:00:00.000Z', 'call', 'not_connected')])
      .when(contact('2026-02-16T15:00:00.000Z'))
      .then([attempted('2026-02-16T15:00:00.000Z')]);
  });
  it('does not count a call that reached someone other than the debtor (comment 14(b)(2)(i)-1.iii counts those apart)', () => {
    spec
      .given([...known, ...sixCounted, attempted('2026-02-16T14:00:00.000Z', 'call', 'wrong_party')])
      .when(contact('2026-02-16T15:00:00.000Z'))
      .then([attempted('2026-02-16T15:00:00.000Z')]);
  });
  it('still counts a call that rang unanswered or reached voicemail: it was connected', () => {
    spec
      .given([...known, ...sixCounted, attempted('2026-02-16T14:00:00.000Z', 'call', 'left_message')])
      .when(contact('2026-02-16T15:00:00.000Z'))
      .thenThrows('CALL_FREQUENCY_LIMIT');
  });
});

describe('Regulation F: calls with the debtor’s prior consent (1006.14(b)(3)(i))', () => {
  // Consent received on Monday 02-16 at 10:00 New York: its 7 days are 02-16 to 02-22, the 16th the first.
  const consent: AccountEvent = { type: 'CallConsentRecorded', data: { givenAt: '2026-02-16T15:00:00.000Z', givenOn: '2026-02-16', through: '2026-02-22' } };
  const seven = callsOn(10, 11, 12, 13, 14, 15, 16);
  it('lifts the 7-in-7 frequency for calls within its days, not before it was given', () => {
    spec
      .given([...known, ...seven, consent])
      .when(contact('2026-02-16T20:00:00.000Z'))
      .then([attempted('2026-02-16T20:00:00.000Z')]);
    spec
      .given([...known, ...callsOn(10, 11, 12, 13, 14, 15), attempted('2026-02-16T13:30:00.000Z'), consent])
      .when(
        command<LogContactAttempt>(
          'LogContactAttempt',
          { channel: 'call', direction: 'outbound', outcome: 'no_answer', at: '2026-02-16T14:00:00.000Z', policies: regulationFEverywhere },
          '2026-02-16T15:30:00.000Z',
        ),
      )
      .thenThrows('CALL_FREQUENCY_LIMIT');
  });
  it('lifts the quiet week after a conversation too: (b)(3) excludes the calls from both frequencies of (b)(2)(i)', () => {
    spec
      .given([...known, attempted('2026-02-16T14:00:00.000Z', 'call', 'right_party_contact'), consent])
      .when(contact('2026-02-18T15:00:00.000Z'))
      .then([attempted('2026-02-18T15:00:00.000Z')]);
  });
  it('ends with its 7th day, the day of consent the first: the frequencies hold again on the 8th', () => {
    const lastDay = '2026-02-23T04:59:59.000Z'; // 23:59:59 on 02-22 in New York: contact hours aside, still within consent
    const account = [...known, attempted('2026-02-16T14:00:00.000Z', 'call', 'right_party_contact'), consent].reduce(
      accountDecider.evolve,
      accountDecider.initialState(),
    ) as OpenedAccount;
    expect(contactRefusals(account, { channel: 'call', at: lastDay }, regulationF).map((refusal) => refusal.code)).toEqual(['OUTSIDE_CONTACT_HOURS']);
    spec
      .given([...known, attempted('2026-02-17T14:00:00.000Z', 'call', 'right_party_contact'), consent])
      .when(contact('2026-02-23T15:00:00.000Z'))
      .thenThrows('RECENT_CONVERSATION', { allowedFrom: '2026-02-24T13:00:00.000Z' });
  });
  it('does not count the calls it covers once it has ended', () => {
    const covered = [16, 17, 18, 19, 20, 21, 22].map((day) => attempted(`2026-02-${day}T16:00:00.000Z`));
    spec
      .given([...known, consent, ...covered])
      .when(contact('2026-02-23T15:00:00.000Z'))
      .then([attempted('2026-02-23T15:00:00.000Z')]);
  });
  it('is recorded with its days, at most 7, given directly and not in the future', () => {
    const record = (data: { givenAt?: string; days?: number }) => command<RecordCallConsent>('RecordCallConsent', data, '2026-02-16T15:00:00.000Z');
    spec.given(known).when(record({})).then([consent]);
    spec
      .given(known)
      .when(record({ givenAt: '2026-02-16T14:00:00Z', days: 1 }))
      .then([{ type: 'CallConsentRecorded', data: { givenAt: '2026-02-16T14:00:00.000Z', givenOn: '2026-02-16', through: '2026-02-16' } }]);
    spec
      .given(known)
      .when(record({ days: 8 }))
      .thenThrows('INVALID_CONSENT_PERIOD');
    spec
      .given(known)
      .when(record({ days: 0 }))
      .thenThrows('INVALID_CONSENT_PERIOD');
    spec
      .given(known)
      .when(record({ givenAt: '2026-02-16T16:00:00Z' }))
      .thenThrows('CONSENT_IN_FUTURE');
  });
});

describe('Regulation F: 21:00 is no longer before 9 p.m. (1006.6(b)(1)(i))', () => {
  // 1006.6(b)(1)(i): "a time before 8:00 a.m. and after 9:00 p.m. local time at the consumer's location is
  // inconvenient". The project reads the instant 21:00:00 as no longer before 9 p.m.: the window is [08:00, 21:00).
  it('allows 20:59:59 and refuses 21:00:00 exactly', () => {
    spec
      .given(known)
      .when(contact('2026-02-11T01:59:59.000Z'))
      .then([attempted('2026-02-11T01:59:59.000Z')]);
    spec.given(known).when(contact('2026-02-11T02:00:00.000Z')).thenThrows('OUTSIDE_CONTACT_HOURS', { allowedFrom: '2026-02-11T13:00:00.000Z' });
  });
});

describe('Regulation F: a dispute pauses the debt it is about (1006.38(d)(2))', () => {
  const twoInvoices = [...known, issued('inv-2', 30_000, '2026-01-15', '2026-02-14')];
  const disputed = (invoiceId: string | null): AccountEvent => ({
    type: 'DisputeRaised',
    data: { disputeId: 'd-1', invoiceId, reason: 'not mine', amount: 50_000, currency: 'USD', raisedOn: '2026-02-05', timely: true, pausesCollection: true },
  });
  const about = (at: string, invoiceIds?: string[]) =>
    command<LogContactAttempt>(
      'LogContactAttempt',
      { channel: 'call', direction: 'outbound', outcome: 'no_answer', at, ...(invoiceIds && { invoiceIds }), policies: regulationFEverywhere },
      at,
    );
  const at = '2026-02-11T15:00:00.000Z';
  it('refuses a contact about the disputed invoice, allows one about another', () => {
    spec
      .given([...twoInvoices, disputed('inv-1')])
      .when(about(at, ['inv-1']))
      .thenThrows('DISPUTE_OPEN', { allowedFrom: null });
    spec
      .given([...twoInvoices, disputed('inv-1')])
      .when(about(at, ['inv-1', 'inv-2']))
      .thenThrows('DISPUTE_OPEN');
    spec
      .given([...twoInvoices, disputed('inv-1')])
      .when(about(at, ['inv-2']))
      .then([{ type: 'ContactAttempted', data: { channel: 'call', direction: 'outbound', outcome: 'no_answer', at, invoiceIds: ['inv-2'] } }]);
  });
  it('allows a contact about the account as a whole while an undisputed invoice is owed, not once none is', () => {
    spec
      .given([...twoInvoices, disputed('inv-1')])
      .when(about(at))
      .then([attempted(at)]);
    spec
      .given([...known, disputed('inv-1')])
      .when(about(at))
      .thenThrows('DISPUTE_OPEN');
    spec
      .given([...twoInvoices, disputed('inv-1'), paymentReceived(30_000, '2026-02-10', { allocations: [{ invoiceId: 'inv-2', amount: 30_000 }] })])
      .when(about(at))
      .thenThrows('DISPUTE_OPEN');
  });
  it('pauses every debt when the whole account is disputed', () => {
    spec
      .given([...twoInvoices, disputed(null)])
      .when(about(at, ['inv-2']))
      .thenThrows('DISPUTE_OPEN');
    spec
      .given([...twoInvoices, disputed(null)])
      .when(about(at))
      .thenThrows('DISPUTE_OPEN');
  });
  it('pauses a debt whose original creditor was asked for until the answer is sent (1006.38(c))', () => {
    const requested: AccountEvent = { type: 'OriginalCreditorRequested', data: { requestId: 'r-1', invoiceId: 'inv-1', requestedOn: '2026-02-05' } };
    spec
      .given([...twoInvoices, requested])
      .when(about(at, ['inv-1']))
      .thenThrows('ORIGINAL_CREDITOR_REQUESTED', { allowedFrom: null });
    spec
      .given([...twoInvoices, requested])
      .when(about(at))
      .then([attempted(at)]);
    const answered: AccountEvent = {
      type: 'OriginalCreditorProvided',
      data: {
        requestId: 'r-1',
        originalCreditor: { name: 'First Bank', address: { lines: ['1 Bank St'], city: 'Albany', country: 'US' } },
        providedOn: '2026-02-09',
      },
    };
    spec
      .given([...twoInvoices, requested, answered])
      .when(about(at, ['inv-1']))
      .then([{ type: 'ContactAttempted', data: { channel: 'call', direction: 'outbound', outcome: 'no_answer', at, invoiceIds: ['inv-1'] } }]);
  });
  it('refuses a contact about an invoice the account does not have', () => {
    spec
      .given(twoInvoices)
      .when(about(at, ['inv-9']))
      .thenThrows('INVOICE_NOT_FOUND');
  });
});
