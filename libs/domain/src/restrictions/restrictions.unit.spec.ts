import { deciderSpecification } from '@arrears/testing';
import type { AccountEvent } from '../account/account.events';
import { accountDecider, command, opened } from '../account/account.fixtures';
import type { BlockChannel, FlagHardship, PlaceHold, ReleaseHold, RequestCeaseCommunication, UnblockChannel } from './restrictions.commands';

const spec = deciderSpecification(accountDecider);
const now = '2026-02-10T15:00:00Z';
const held: AccountEvent = { type: 'HoldPlaced', data: { holdId: 'h-1', reason: 'hospital stay', until: '2026-02-14' } };

describe('RequestCeaseCommunication', () => {
  it('records the request once', () => {
    const cease = command<RequestCeaseCommunication>('RequestCeaseCommunication', {}, now);
    spec
      .given([opened])
      .when(cease)
      .then([{ type: 'CeaseCommunicationRequested', data: { requestedOn: '2026-02-10' } }]);
    spec
      .given([opened, { type: 'CeaseCommunicationRequested', data: { requestedOn: '2026-02-01' } }])
      .when(cease)
      .thenThrows('CEASE_ALREADY_REQUESTED');
  });
});

describe('BlockChannel and UnblockChannel', () => {
  const block = command<BlockChannel>('BlockChannel', { channel: 'sms' }, now);
  const unblock = command<UnblockChannel>('UnblockChannel', { channel: 'sms' }, now);
  const blocked: AccountEvent = { type: 'ChannelBlocked', data: { channel: 'sms' } };
  it('blocks and unblocks a channel', () => {
    spec.given([opened]).when(block).then([blocked]);
    spec
      .given([opened, blocked])
      .when(unblock)
      .then([{ type: 'ChannelUnblocked', data: { channel: 'sms' } }]);
  });
  it('refuses to block twice or unblock what is not blocked', () => {
    spec.given([opened, blocked]).when(block).thenThrows('CHANNEL_ALREADY_BLOCKED');
    spec.given([opened]).when(unblock).thenThrows('CHANNEL_NOT_BLOCKED');
  });
});

describe('FlagHardship', () => {
  it('flags once', () => {
    const flag = command<FlagHardship>('FlagHardship', { note: ' lost job ' }, now);
    spec
      .given([opened])
      .when(flag)
      .then([{ type: 'HardshipFlagged', data: { note: 'lost job' } }]);
    spec
      .given([opened, { type: 'HardshipFlagged', data: { note: null } }])
      .when(flag)
      .thenThrows('HARDSHIP_ALREADY_FLAGGED');
  });
});

describe('PlaceHold and ReleaseHold', () => {
  const place = (until = '2026-02-14') => command<PlaceHold>('PlaceHold', { holdId: 'h-1', reason: 'hospital stay', until }, now);
  const release = (expired: boolean, at = now) => command<ReleaseHold>('ReleaseHold', { holdId: 'h-1', expired }, at);
  it('places a hold through a date not yet past', () => {
    spec.given([opened]).when(place()).then([held]);
    spec.given([opened]).when(place('2026-02-09')).thenThrows('HOLD_UNTIL_IN_PAST');
    spec.given([opened]).when(place('2026-02-31')).thenThrows('INVALID_DATE');
    spec.given([opened, held]).when(place()).thenThrows('HOLD_ALREADY_PLACED');
  });
  it('releases a hold early, or expires it once its last day has passed', () => {
    spec
      .given([opened, held])
      .when(release(false))
      .then([{ type: 'HoldReleased', data: { holdId: 'h-1', reason: 'released' } }]);
    spec.given([opened, held]).when(release(true, '2026-02-14T23:00:00Z')).thenThrows('HOLD_NOT_EXPIRED');
    spec
      .given([opened, held])
      .when(release(true, '2026-02-15T06:00:00Z'))
      .then([{ type: 'HoldReleased', data: { holdId: 'h-1', reason: 'expired' } }]);
  });
  it('refuses an unknown or ended hold', () => {
    spec.given([opened]).when(release(false)).thenThrows('HOLD_NOT_FOUND');
    spec
      .given([opened, held, { type: 'HoldReleased', data: { holdId: 'h-1', reason: 'released' } }])
      .when(release(false))
      .thenThrows('HOLD_ALREADY_RELEASED');
  });
});
