import { accountCommand, type CommandDeclarations } from '../command-handling/account-command.declaration';
import { RaiseDisputeRequest, ResolveDisputeRequest } from './disputes.requests';

/** Disputes: collection pauses while one is open. */
export const disputesCommands: CommandDeclarations = {
  raiseDispute: accountCommand({
    route: 'POST /accounts/:accountId/disputes',
    roles: ['agent', 'supervisor'],
    summary: 'Raise a dispute on an invoice or the whole account; collection pauses',
    status: 201,
    request: RaiseDisputeRequest,
    command: ({ request: { disputeId, invoiceId, reason } }) => ({ type: 'RaiseDispute', data: { disputeId, reason, ...(invoiceId && { invoiceId }) } }),
  }),

  resolveDispute: accountCommand({
    route: 'POST /accounts/:accountId/disputes/:disputeId/resolve',
    roles: ['supervisor'],
    summary: 'Resolve a dispute: upheld adjusts the balance off, rejected resumes collection',
    status: 200,
    request: ResolveDisputeRequest,
    command: ({ params, request }) => ({ type: 'ResolveDispute', data: { disputeId: params.disputeId, outcome: request.outcome } }),
  }),
};
