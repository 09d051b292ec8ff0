import { entryOf } from '../lookup/entry-of';
import { conflict, notFound, ruleBroken } from '../errors/domain-error';
import { requireDate, requireOpen, todayFor } from '../account/account.guards';
import type { AccountState } from '../account/account.state';
import type { Decisions } from '../account/capability';
import type {
  BlockChannel,
  FlagHardship,
  PlaceHold,
  ReleaseHold,
  RequestCeaseCommunication,
  UnblockChannel,
  RestrictionsCommand,
} from './restrictions.commands';
import { replyOnBlockedMedium, sendCeaseNotice } from './cease-notices';
import type { CeaseCommunicationRequested, ChannelBlocked, ChannelUnblocked, HardshipFlagged, HoldPlaced, HoldReleased } from './restrictions.events';

/** After a cease request only the notices the law allows go out (1006.6(c)); it cannot be undone here. */
export function requestCeaseCommunication(command: RequestCeaseCommunication, state: AccountState): [CeaseCommunicationRequested] {
  const account = requireOpen(state);
  if (account.restrictions.ceaseRequested) throw conflict('CEASE_ALREADY_REQUESTED', 'The debtor already asked that communication cease.');
  return [{ type: 'CeaseCommunicationRequested', data: { requestedOn: todayFor(account, command.now) } }];
}

export function blockChannel(command: BlockChannel, state: AccountState): [ChannelBlocked] {
  const account = requireOpen(state);
  const { channel } = command.data;
  if (account.restrictions.blockedChannels.includes(channel)) throw conflict('CHANNEL_ALREADY_BLOCKED', `${channel} is already blocked.`, { channel });
  return [{ type: 'ChannelBlocked', data: { channel } }];
}

export function unblockChannel(command: UnblockChannel, state: AccountState): [ChannelUnblocked] {
  const account = requireOpen(state);
  const { channel } = command.data;
  if (!account.restrictions.blockedChannels.includes(channel)) throw conflict('CHANNEL_NOT_BLOCKED', `${channel} is not blocked.`, { channel });
  return [{ type: 'ChannelUnblocked', data: { channel } }];
}

export function flagHardship(command: FlagHardship, state: AccountState): [HardshipFlagged] {
  const account = requireOpen(state);
  if (account.restrictions.hardship) throw conflict('HARDSHIP_ALREADY_FLAGGED', 'The account is already flagged for hardship.');
  return [{ type: 'HardshipFlagged', data: { note: command.data.note?.trim() || null } }];
}

/** A hold stops collection through its last day; it ends early when released, or is expired after. */
export function placeHold(command: PlaceHold, state: AccountState): [HoldPlaced] {
  const account = requireOpen(state);
  const { holdId, reason, until } = command.data;
  if (entryOf(account.holds, holdId)) throw conflict('HOLD_ALREADY_PLACED', `Hold ${holdId} already exists on this account.`, { id: holdId });
  requireDate(until, 'until');
  const today = todayFor(account, command.now);
  if (until < today) throw ruleBroken('HOLD_UNTIL_IN_PAST', `until ${until} is before today (${today}).`, { until, today });
  return [{ type: 'HoldPlaced', data: { holdId, reason, until } }];
}

export function releaseHold(command: ReleaseHold, state: AccountState): [HoldReleased] {
  const account = requireOpen(state);
  const { holdId, expired = false } = command.data;
  const hold = entryOf(account.holds, holdId);
  if (!hold) throw notFound('HOLD_NOT_FOUND', `Hold ${holdId} does not exist on this account.`, { holdId });
  if (!hold.active) throw conflict('HOLD_ALREADY_RELEASED', `Hold ${holdId} has ended.`, { holdId });
  const today = todayFor(account, command.now);
  if (expired && hold.until >= today) throw ruleBroken('HOLD_NOT_EXPIRED', `Hold ${holdId} runs through ${hold.until}.`, { until: hold.until, today });
  return [{ type: 'HoldReleased', data: { holdId, reason: expired ? 'expired' : 'released' } }];
}

export const restrictionsDecisions: Decisions<RestrictionsCommand> = {
  RequestCeaseCommunication: requestCeaseCommunication,
  BlockChannel: blockChannel,
  UnblockChannel: unblockChannel,
  FlagHardship: flagHardship,
  PlaceHold: placeHold,
  ReleaseHold: releaseHold,
  SendCeaseNotice: sendCeaseNotice,
  ReplyOnBlockedMedium: replyOnBlockedMedium,
};
