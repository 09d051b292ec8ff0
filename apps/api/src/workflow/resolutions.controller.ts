import { Body, Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Context } from '../command-handling/command-context';
import type { CommandContext } from '@arrears/commands';
import { CommandReceipt } from '../command-handling/command-receipt';
import { CommandEndpoint } from '../http/command-endpoint.decorator';
import { NoBodyPipe } from '../http/no-body.pipe';
import { OptionalBodyPipe } from '../http/optional-body.pipe';
import { AccountIdParam, WorkflowController } from './workflow.controller';
import { EscalateToLegalRequest, PlaceWithAgencyRequest, WriteOffRequest } from './workflow.requests';

/** How collection ends or escalates: write-off, agency placement and recall, legal review. */
@ApiTags('resolutions')
@Controller('accounts')
export class ResolutionsController extends WorkflowController {
  constructor(commands: CommandBus) {
    super(commands);
  }

  @CommandEndpoint(':accountId/write-off', { summary: 'Write off every open balance', status: 200, response: CommandReceipt })
  writeOff(@AccountIdParam() accountId: string, @Body() request: WriteOffRequest, @Context() context: CommandContext) {
    return this.apply(accountId, { type: 'WriteOff', data: { reason: request.reason } }, context);
  }

  @CommandEndpoint(':accountId/agency-placements', { summary: 'Place the account with a collection agency', status: 201, response: CommandReceipt })
  place(@AccountIdParam() accountId: string, @Body() request: PlaceWithAgencyRequest, @Context() context: CommandContext) {
    return this.apply(accountId, { type: 'PlaceWithAgency', data: { agencyId: request.agencyId } }, context);
  }

  @CommandEndpoint(':accountId/agency-placements/recall', { summary: 'Recall the account from its agency', status: 200, response: CommandReceipt })
  recall(@AccountIdParam() accountId: string, @Body(NoBodyPipe) _body: unknown, @Context() context: CommandContext) {
    return this.apply(accountId, { type: 'RecallFromAgency', data: {} }, context);
  }

  @CommandEndpoint(':accountId/legal-escalations', { summary: 'Escalate the account to legal review', status: 201, response: CommandReceipt })
  escalate(@AccountIdParam() accountId: string, @Body(OptionalBodyPipe) request: EscalateToLegalRequest, @Context() context: CommandContext) {
    return this.apply(accountId, { type: 'EscalateToLegal', data: { ...(request.reason && { reason: request.reason }) } }, context);
  }
}
