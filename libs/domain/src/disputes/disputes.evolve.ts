import { entryOf } from '../lookup/entry-of';
import type { Evolvers } from '../account/capability';
import { adjust } from '../account/invoice-updates';
import type { DisputesEvent } from './disputes.events';

export const disputesEvolvers: Evolvers<DisputesEvent> = {
  DisputeRaised: (account, event) => {
    const { disputeId, invoiceId, amount, pausesCollection = true, raisedOn } = event.data;
    return { ...account, disputes: { ...account.disputes, [disputeId]: { disputeId, invoiceId, amount, status: 'open', pausesCollection, raisedOn } } };
  },
  DisputeResolved: (account, event) => {
    const dispute = entryOf(account.disputes, event.data.disputeId);
    if (!dispute) return account;
    const disputes = { ...account.disputes, [dispute.disputeId]: { ...dispute, status: event.data.outcome } };
    return adjust({ ...account, disputes }, event.data.adjustments);
  },
  OriginalCreditorRequested: (account, event) => {
    const { requestId, invoiceId } = event.data;
    return { ...account, creditorRequests: { ...account.creditorRequests, [requestId]: { requestId, invoiceId, status: 'open' } } };
  },
  OriginalCreditorProvided: (account, event) => {
    const request = entryOf(account.creditorRequests, event.data.requestId);
    return request ? { ...account, creditorRequests: { ...account.creditorRequests, [request.requestId]: { ...request, status: 'answered' } } } : account;
  },
};
