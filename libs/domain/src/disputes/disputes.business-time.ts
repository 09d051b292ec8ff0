import type { BusinessTimes } from '../account/capability';
import type { DisputesEvent } from './disputes.events';

/** When each disputes fact happened (see BusinessTime): a dispute is resolved, and a request answered, when the command is. */
export const disputesBusinessTimes: BusinessTimes<DisputesEvent> = {
  DisputeRaised: (event) => ({ date: event.data.raisedOn }),
  DisputeResolved: () => 'command',
  OriginalCreditorRequested: (event) => ({ date: event.data.requestedOn }),
  OriginalCreditorProvided: () => 'command',
};
