import type { BusinessTimes } from '../account/capability';
import type { RestrictionsEvent } from './restrictions.events';

/** When each restrictions fact happened (see BusinessTime). */
export const restrictionsBusinessTimes: BusinessTimes<RestrictionsEvent> = {
  CeaseCommunicationRequested: (event) => ({ date: event.data.requestedOn }),
  ChannelBlocked: () => 'command',
  ChannelUnblocked: () => 'command',
  HardshipFlagged: () => 'command',
  HoldPlaced: () => 'command',
  HoldReleased: () => 'command',
};
