import type { BusinessTimes } from '../account/capability';
import type { DisputesEvent } from './disputes.events';

/** When each disputes fact happened (see BusinessTime): a dispute is resolved when the command is. */
export const disputesBusinessTimes: BusinessTimes<DisputesEvent> = {
  DisputeRaised: (event) => ({ date: event.data.raisedOn }),
  DisputeResolved: () => 'command',
};
