import { entryOf } from '../lookup/entry-of';
import type { Evolvers } from '../account/capability';
import type { RestrictionsEvent } from './restrictions.events';

export const restrictionsEvolvers: Evolvers<RestrictionsEvent> = {
  CeaseCommunicationRequested: (account) => ({ ...account, restrictions: { ...account.restrictions, ceaseRequested: true } }),
  ChannelBlocked: (account, event) => ({
    ...account,
    restrictions: { ...account.restrictions, blockedChannels: [...account.restrictions.blockedChannels, event.data.channel] },
  }),
  ChannelUnblocked: (account, event) => ({
    ...account,
    restrictions: { ...account.restrictions, blockedChannels: account.restrictions.blockedChannels.filter((channel) => channel !== event.data.channel) },
  }),
  HardshipFlagged: (account) => ({ ...account, restrictions: { ...account.restrictions, hardship: true } }),
  HoldPlaced: (account, event) => {
    const { holdId, reason, until } = event.data;
    return { ...account, holds: { ...account.holds, [holdId]: { holdId, reason, until, active: true } } };
  },
  HoldReleased: (account, event) => {
    const hold = entryOf(account.holds, event.data.holdId);
    return hold ? { ...account, holds: { ...account.holds, [hold.holdId]: { ...hold, active: false } } } : account;
  },
};
