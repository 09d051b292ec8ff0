import type { Summaries } from '../account/capability';
import type { WorklistEvent } from './worklist.events';

/** How each worklist fact reads in the account's history: one line a person can read. */
export const worklistSummaries: Summaries<WorklistEvent> = {
  AccountClaimed: (event) => `Claimed by agent ${event.data.agentId} until ${event.data.until}.`,
  AccountClaimReleased: (event) => `Claim released by agent ${event.data.agentId}.`,
};
