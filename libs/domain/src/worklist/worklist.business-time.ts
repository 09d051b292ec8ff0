import type { BusinessTimes } from '../account/capability';
import type { WorklistEvent } from './worklist.events';

/** When each worklist fact happened (see BusinessTime): claims are the agents' own work, when recorded. */
export const worklistBusinessTimes: BusinessTimes<WorklistEvent> = {
  AccountClaimed: () => 'command',
  AccountClaimReleased: () => 'command',
};
