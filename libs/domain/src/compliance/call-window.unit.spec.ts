import type { AccountEvent } from '../account/account.events';
import { evolve } from '../account/account.evolve';
import { opened } from '../account/account.fixtures';
import { initialAccountState, type OpenedAccount } from '../account/account.state';
import { callDaysInWindow } from './call-window';
import { regulationF } from './contact-policy';
import { callStatus } from './contact-status';

/*
 * The debtor lives in New York (UTC−5 in winter). 15:00Z is 10:00 there; 03:00Z is 22:00 the day before.
 */
const call = (at: string): AccountEvent => ({ type: 'ContactAttempted', data: { channel: 'call', direction: 'outbound', outcome: 'no_answer', at } });
const validated: AccountEvent = { type: 'ValidationNoticeSent', data: { channel: 'letter', sentAt: '2026-02-01T15:00:00.000Z', periodEndsOn: '2026-03-10' } };
const accountAfter = (...events: AccountEvent[]) => [opened, validated, ...events].reduce(evolve, initialAccountState()) as OpenedAccount;
const callsOn = (...days: number[]) => days.map((day) => call(`2026-02-${String(day).padStart(2, '0')}T15:00:00.000Z`));

describe('the 7-day call window (12 CFR 1006.14(b)(2)(i))', () => {
  it('holds the calls of the 7 days ending on the day asked, the 7th day back included', () => {
    expect(callDaysInWindow(accountAfter(...callsOn(9, 10, 16)), '2026-02-16T20:00:00.000Z')).toEqual(['2026-02-10', '2026-02-16']);
  });

  it('counts by the debtor’s calendar: a call at 22:00 in New York is on that day, not on the UTC one', () => {
    const lateCall = call('2026-02-10T03:00:00.000Z');
    expect(callDaysInWindow(accountAfter(lateCall), '2026-02-15T15:00:00.000Z')).toEqual(['2026-02-09']);
    expect(callDaysInWindow(accountAfter(lateCall), '2026-02-16T15:00:00.000Z')).toEqual([]);
  });

  it('leaves out calls after the day asked, as of an earlier instant', () => {
    expect(callDaysInWindow(accountAfter(...callsOn(10, 12)), '2026-02-11T15:00:00.000Z')).toEqual(['2026-02-10']);
  });
});

describe('where a call stands, as a reader is shown it', () => {
  it('counts the window the rule counts, and says a call is allowed now', () => {
    expect(callStatus(accountAfter(...callsOn(10, 11)), '2026-02-16T15:00:00.000Z', regulationF)).toMatchObject({
      callsInWindow: 2,
      maxCallsInWindow: 7,
      contactableNow: true,
      nextCallAllowedAt: '2026-02-16T15:00:00.000Z',
    });
  });

  it('says from when the 8th call in 7 days is allowed: when the oldest call leaves the window', () => {
    expect(callStatus(accountAfter(...callsOn(10, 11, 12, 13, 14, 15, 16)), '2026-02-16T20:00:00.000Z', regulationF)).toMatchObject({
      callsInWindow: 7,
      contactableNow: false,
      nextCallAllowedAt: '2026-02-17T13:00:00.000Z',
    });
  });

  it('counts neither calls not connected nor calls to a wrong party, and names the consent that covers now', () => {
    const notCounted = [
      {
        type: 'ContactAttempted' as const,
        data: { channel: 'call' as const, direction: 'outbound' as const, outcome: 'not_connected' as const, at: '2026-02-12T15:00:00.000Z' },
      },
      {
        type: 'ContactAttempted' as const,
        data: { channel: 'call' as const, direction: 'outbound' as const, outcome: 'wrong_party' as const, at: '2026-02-13T15:00:00.000Z' },
      },
    ];
    const consent = { type: 'CallConsentRecorded' as const, data: { givenAt: '2026-02-14T15:00:00.000Z', givenOn: '2026-02-14', through: '2026-02-15' } };
    const account = accountAfter(...callsOn(10, 11), ...notCounted, consent);
    expect(callStatus(account, '2026-02-15T15:00:00.000Z', regulationF)).toMatchObject({ callsInWindow: 2, callConsentThrough: '2026-02-15' });
    expect(callStatus(account, '2026-02-16T15:00:00.000Z', regulationF)).toMatchObject({ callsInWindow: 2, callConsentThrough: null });
  });
});
