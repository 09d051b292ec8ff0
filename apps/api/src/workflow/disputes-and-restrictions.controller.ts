import { Body, Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { ContactChannel } from '@arrears/domain';
import { Context } from '../command-handling/command-context';
import type { CommandContext } from '@arrears/commands';
import { CommandReceipt } from '../command-handling/command-receipt';
import { CommandEndpoint } from '../http/command-endpoint.decorator';
import { NoBodyPipe } from '../http/no-body.pipe';
import { OptionalBodyPipe } from '../http/optional-body.pipe';
import { AccountIdParam, ChannelParam, IdParam, WorkflowController } from './workflow.controller';
import { FlagHardshipRequest, PlaceHoldRequest, RaiseDisputeRequest, ResolveDisputeRequest } from './workflow.requests';

/** What pauses or limits collection: disputes, the debtor's requests, hardship and holds. */
@ApiTags('restrictions')
@Controller('accounts')
export class DisputesAndRestrictionsController extends WorkflowController {
  constructor(commands: CommandBus) {
    super(commands);
  }

  @CommandEndpoint(':accountId/disputes', { summary: 'Raise a dispute on an invoice or the whole account; collection pauses', status: 201, response: CommandReceipt })
  dispute(@AccountIdParam() accountId: string, @Body() request: RaiseDisputeRequest, @Context() context: CommandContext) {
    const { disputeId, invoiceId, reason } = request;
    return this.apply(accountId, { type: 'RaiseDispute', data: { disputeId, reason, ...(invoiceId && { invoiceId }) } }, context);
  }

  @CommandEndpoint(':accountId/disputes/:disputeId/resolve', { summary: 'Resolve a dispute: upheld adjusts the balance off, rejected resumes collection', status: 200, response: CommandReceipt })
  resolve(@AccountIdParam() accountId: string, @IdParam('disputeId') disputeId: string, @Body() request: ResolveDisputeRequest, @Context() context: CommandContext) {
    return this.apply(accountId, { type: 'ResolveDispute', data: { disputeId, outcome: request.outcome } }, context);
  }

  @CommandEndpoint(':accountId/cease', { summary: 'Record the debtor’s request that communication cease', status: 200, response: CommandReceipt })
  cease(@AccountIdParam() accountId: string, @Body(NoBodyPipe) _body: unknown, @Context() context: CommandContext) {
    return this.apply(accountId, { type: 'RequestCeaseCommunication', data: {} }, context);
  }

  @CommandEndpoint(':accountId/channels/:channel/block', { summary: 'Block a channel at the debtor’s request', status: 200, response: CommandReceipt })
  block(@AccountIdParam() accountId: string, @ChannelParam() channel: ContactChannel, @Body(NoBodyPipe) _body: unknown, @Context() context: CommandContext) {
    return this.apply(accountId, { type: 'BlockChannel', data: { channel } }, context);
  }

  @CommandEndpoint(':accountId/channels/:channel/unblock', { summary: 'Unblock a channel', status: 200, response: CommandReceipt })
  unblock(@AccountIdParam() accountId: string, @ChannelParam() channel: ContactChannel, @Body(NoBodyPipe) _body: unknown, @Context() context: CommandContext) {
    return this.apply(accountId, { type: 'UnblockChannel', data: { channel } }, context);
  }

  @CommandEndpoint(':accountId/hardship', { summary: 'Flag financial hardship', status: 200, response: CommandReceipt })
  hardship(@AccountIdParam() accountId: string, @Body(OptionalBodyPipe) request: FlagHardshipRequest, @Context() context: CommandContext) {
    return this.apply(accountId, { type: 'FlagHardship', data: { ...(request.note && { note: request.note }) } }, context);
  }

  @CommandEndpoint(':accountId/holds', { summary: 'Put the account on hold through a date', status: 201, response: CommandReceipt })
  hold(@AccountIdParam() accountId: string, @Body() request: PlaceHoldRequest, @Context() context: CommandContext) {
    const { holdId, reason, until } = request;
    return this.apply(accountId, { type: 'PlaceHold', data: { holdId, reason, until } }, context);
  }

  @CommandEndpoint(':accountId/holds/:holdId/release', { summary: 'Release a hold before its end', status: 200, response: CommandReceipt })
  release(@AccountIdParam() accountId: string, @IdParam('holdId') holdId: string, @Body(NoBodyPipe) _body: unknown, @Context() context: CommandContext) {
    return this.apply(accountId, { type: 'ReleaseHold', data: { holdId } }, context);
  }
}
