import type { DisputesCommand } from '@arrears/domain';
import { type CapabilityReach, http } from '../command-handling/command-reach.fixtures';

/** How each field of the disputes commands is set from outside (see every-field-reachable.unit.spec.ts). */
export const disputesReach: CapabilityReach<DisputesCommand> = {
  RaiseDispute: {
    fields: { disputeId: true, invoiceId: true, reason: true },
    made: [http('POST /accounts/:accountId/disputes', { disputeId: 'dispute-1', invoiceId: 'inv-1', reason: 'Never ordered' })],
  },
  ResolveDispute: {
    fields: { disputeId: true, outcome: true },
    made: [http('POST /accounts/:accountId/disputes/:disputeId/resolve', { outcome: 'upheld' }, { disputeId: 'dispute-1' })],
  },
};
