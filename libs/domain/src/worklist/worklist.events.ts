import { eventTypesOf } from '../account/event-types';
/** An agent took the account to work it, alone, until `until` (an instant). */
export interface AccountClaimed {
  type: 'AccountClaimed';
  data: { agentId: string; until: string };
}
export interface AccountClaimReleased {
  type: 'AccountClaimReleased';
  data: { agentId: string };
}

/** The worklist part of the account's events. */
export type WorklistEvent = AccountClaimed | AccountClaimReleased;

/** Every worklist event type. */
export const worklistEventTypes = eventTypesOf<WorklistEvent>()(['AccountClaimed', 'AccountClaimReleased']);
