import type { Summaries } from '../account/capability';
import { money, sum, units } from '../account/summary-words';
import type { DisputesEvent } from './disputes.events';

/** How each disputes fact reads in the account's history: one line a person can read. */
export const disputesSummaries: Summaries<DisputesEvent> = {
  DisputeRaised: (event) =>
    // Without its reason: sealed as personal data, it stays in the log (GET /accounts/:id/events shows it), not in the trail.
    `Dispute ${event.data.disputeId} raised on ${about(event.data.invoiceId)} for ${money(event.data)}` +
    (event.data.timely === false ? `; after the validation period, ${event.data.pausesCollection ? 'collection paused' : 'recorded only'}.` : '.'),
  DisputeResolved: ({ data: { disputeId, outcome, adjustments, verification } }) =>
    `Dispute ${disputeId} ${outcome}${outcome === 'upheld' ? `; ${units(sum(adjustments))} adjusted off` : `${verification ? `; verification sent by ${verification.channel} on ${verification.sentOn}` : ''}; collection resumes`}.`,
  OriginalCreditorRequested: (event) =>
    `The debtor asked for the original creditor's name and address on ${about(event.data.invoiceId)} (request ${event.data.requestId}).`,
  OriginalCreditorProvided: (event) => `The original creditor's name and address were sent (request ${event.data.requestId}); collection resumes.`,
};

const about = (invoiceId: string | null) => (invoiceId ? `invoice ${invoiceId}` : 'the account');
