import type { WorklistCommand } from '@arrears/domain';
import { type CapabilityReach, http } from '../command-handling/command-reach.fixtures';

/** How each field of the worklist commands is set from outside (see every-field-reachable.unit.spec.ts). */
export const worklistReach: CapabilityReach<WorklistCommand> = {
  ClaimAccount: {
    fields: { agentId: true, minutes: true },
    made: [http('POST /worklist/:accountId/claim', { agentId: 'agent-7', minutes: 45 })],
  },
  ReleaseAccountClaim: { fields: { agentId: true }, made: [http('POST /worklist/:accountId/release', { agentId: 'agent-7' })] },
};
