import type { Summaries } from '../account/capability';
import type { RestrictionsEvent } from './restrictions.events';

/** How each restrictions fact reads in the account's history: one line a person can read. */
export const restrictionsSummaries: Summaries<RestrictionsEvent> = {
  CeaseCommunicationRequested: (event) => `The debtor asked that communication cease (${event.data.requestedOn}).`,
  ChannelBlocked: (event) => `The debtor blocked ${event.data.channel}.`,
  ChannelUnblocked: (event) => `The debtor unblocked ${event.data.channel}.`,
  HardshipFlagged: () => 'Flagged for hardship.',
  HoldPlaced: (event) => `Hold ${event.data.holdId} placed through ${event.data.until}: ${event.data.reason}.`,
  HoldReleased: (event) => `Hold ${event.data.holdId} ${event.data.reason}.`,
};
