import type { Summaries } from '../account/capability';
import { money, sum, units } from '../account/summary-words';
import type { DisputesEvent } from './disputes.events';

/** How each disputes fact reads in the account's history: one line a person can read. */
export const disputesSummaries: Summaries<DisputesEvent> = {
  DisputeRaised: (event) =>
    `Dispute ${event.data.disputeId} raised on ${event.data.invoiceId ? `invoice ${event.data.invoiceId}` : 'the account'} for ${money(event.data)}: ${event.data.reason}.`,
  DisputeResolved: (event) =>
    `Dispute ${event.data.disputeId} ${event.data.outcome}${event.data.outcome === 'upheld' ? `; ${units(sum(event.data.adjustments))} adjusted off` : '; collection resumes'}.`,
};
