import { entryOf } from '../lookup/entry-of';
import { conflict, notFound, ruleBroken } from '../errors/domain-error';
import { requireInvoice, requireOpen, todayFor } from '../account/account.guards';
import { openInvoicesOldestFirst, outstanding, spreadOver, totalOutstanding, type AccountState } from '../account/account.state';
import type { Decisions } from '../account/capability';
import type { RaiseDispute, ResolveDispute, DisputesCommand } from './disputes.commands';
import type { DisputeRaised, DisputeResolved } from './disputes.events';

/** The debtor disputes one invoice or the whole account; collection pauses until it is resolved. */
export function raiseDispute(command: RaiseDispute, state: AccountState): [DisputeRaised] {
  const account = requireOpen(state);
  const { disputeId, invoiceId, reason } = command.data;
  if (entryOf(account.disputes, disputeId)) throw conflict('DISPUTE_ALREADY_RAISED', `Dispute ${disputeId} already exists on this account.`, { id: disputeId });
  const amount = invoiceId ? outstanding(requireInvoice(account, invoiceId)) : totalOutstanding(account);
  if (amount <= 0)
    throw ruleBroken('NOTHING_TO_DISPUTE', invoiceId ? `Invoice ${invoiceId} is paid.` : 'The account owes nothing.', { invoiceId: invoiceId ?? null });
  return [
    {
      type: 'DisputeRaised',
      data: { disputeId, invoiceId: invoiceId ?? null, reason, amount, currency: account.currency ?? '', raisedOn: todayFor(account, command.now) },
    },
  ];
}

/** Upheld: what was disputed and is still owed is adjusted off. Rejected: collection resumes. */
export function resolveDispute(command: ResolveDispute, state: AccountState): [DisputeResolved] {
  const account = requireOpen(state);
  const { disputeId, outcome } = command.data;
  const dispute = entryOf(account.disputes, disputeId);
  if (!dispute) throw notFound('DISPUTE_NOT_FOUND', `Dispute ${disputeId} does not exist on this account.`, { disputeId });
  if (dispute.status !== 'open') throw conflict('DISPUTE_ALREADY_RESOLVED', `Dispute ${disputeId} was ${dispute.status}.`, { status: dispute.status });
  const disputed = openInvoicesOldestFirst(account).filter((invoice) => dispute.invoiceId === null || invoice.invoiceId === dispute.invoiceId);
  const adjustments = outcome === 'upheld' ? spreadOver(disputed, dispute.amount) : [];
  return [{ type: 'DisputeResolved', data: { disputeId, outcome, adjustments } }];
}

export const disputesDecisions: Decisions<DisputesCommand> = {
  RaiseDispute: raiseDispute,
  ResolveDispute: resolveDispute,
};
