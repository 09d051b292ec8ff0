import { accountCommand, type CommandDeclarations } from '../command-handling/account-command.declaration';
import { postalAddressOf } from '../accounts/accounts.commands';
import { OriginalCreditorRequestRequest, ProvideOriginalCreditorRequest, RaiseDisputeRequest, ResolveDisputeRequest } from './disputes.requests';

/** Disputes and requests for the original creditor: collection of the debt concerned pauses while one is open. */
export const disputesCommands: CommandDeclarations = {
  raiseDispute: accountCommand({
    route: 'POST /accounts/:accountId/disputes',
    roles: ['agent', 'supervisor'],
    summary:
      'Raise a dispute on an invoice or the whole account; collection of what is disputed pauses (after the validation period, as the creditor’s policy says)',
    status: 201,
    request: RaiseDisputeRequest,
    command: ({ request: { disputeId, invoiceId, reason, attachmentRef }, policies }) => ({
      type: 'RaiseDispute',
      data: { disputeId, reason, ...(invoiceId && { invoiceId }), ...(attachmentRef && { attachmentRef }), policies },
    }),
  }),

  resolveDispute: accountCommand({
    route: 'POST /accounts/:accountId/disputes/:disputeId/resolve',
    roles: ['supervisor'],
    summary:
      'Resolve a dispute: upheld adjusts the balance off; rejected, once the verification was sent to the debtor (needed for one that paused collection, 1006.38(d)(2)(i)), resumes collection',
    status: 200,
    request: ResolveDisputeRequest,
    command: ({ params, request: { outcome, verification } }) => ({
      type: 'ResolveDispute',
      data: { disputeId: params.disputeId, outcome, ...(verification && { verification: { channel: verification.channel, sentOn: verification.sentOn } }) },
    }),
  }),
  requestOriginalCreditor: accountCommand({
    route: 'POST /accounts/:accountId/original-creditor-requests',
    roles: ['agent', 'supervisor'],
    summary: 'Record the debtor’s request for the original creditor’s name and address; collection of the debt pauses until answered (1006.38(c))',
    status: 201,
    request: OriginalCreditorRequestRequest,
    command: ({ request: { requestId, invoiceId } }) => ({ type: 'RequestOriginalCreditor', data: { requestId, ...(invoiceId && { invoiceId }) } }),
  }),
  provideOriginalCreditor: accountCommand({
    route: 'POST /accounts/:accountId/original-creditor-requests/:requestId/answer',
    roles: ['agent', 'supervisor'],
    summary: 'Answer a request: record the original creditor’s name and address and send them to the debtor; collection resumes',
    status: 201,
    request: ProvideOriginalCreditorRequest,
    command: ({ params, request: { name, address, channel }, policies }) => ({
      type: 'ProvideOriginalCreditor',
      data: { requestId: params.requestId, name, address: postalAddressOf(address), channel, policies },
    }),
  }),
};
