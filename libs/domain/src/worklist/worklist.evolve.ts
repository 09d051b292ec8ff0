import type { Evolvers } from '../account/capability';
import type { WorklistEvent } from './worklist.events';

export const worklistEvolvers: Evolvers<WorklistEvent> = {
  AccountClaimed: (account, event) => ({ ...account, claim: { agentId: event.data.agentId, until: event.data.until } }),
  AccountClaimReleased: (account) => ({ ...account, claim: null }),
};
