import { Body, Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Context } from '../command-handling/command-context';
import type { CommandContext } from '@arrears/commands';
import { CommandReceipt } from '../command-handling/command-receipt';
import { CommandEndpoint } from '../http/command-endpoint.decorator';
import { ContactPoliciesInForce } from '@arrears/commands';
import { AccountIdParam, WorkflowController } from './workflow.controller';
import { AddNoteRequest, AssignAgentRequest, LogContactRequest, ValidationNoticeRequest } from './workflow.requests';

@ApiTags('interactions')
@Controller('accounts')
export class InteractionsController extends WorkflowController {
  constructor(
    commands: CommandBus,
    private readonly contactPolicies: ContactPoliciesInForce,
  ) {
    super(commands);
  }

  @CommandEndpoint(':accountId/contacts', {
    summary: 'Log a contact or attempt; outbound ones are checked against the contact rules (422 names the rule and when contact is allowed again)',
    status: 201,
    response: CommandReceipt,
  })
  contact(@AccountIdParam() accountId: string, @Body() request: LogContactRequest, @Context() context: CommandContext) {
    const { channel, direction, outcome, at } = request;
    return this.apply(accountId, { type: 'LogContactAttempt', data: { channel, direction, outcome, ...(at && { at }), policies: this.contactPolicies.policies } }, context);
  }

  @CommandEndpoint(':accountId/notes', { summary: 'Add a note', status: 201, response: CommandReceipt })
  note(@AccountIdParam() accountId: string, @Body() request: AddNoteRequest, @Context() context: CommandContext) {
    return this.apply(accountId, { type: 'AddNote', data: { text: request.text } }, context);
  }

  @CommandEndpoint(':accountId/assign', { summary: 'Assign the account to an agent', status: 200, response: CommandReceipt })
  assign(@AccountIdParam() accountId: string, @Body() request: AssignAgentRequest, @Context() context: CommandContext) {
    return this.apply(accountId, { type: 'AssignAgent', data: { agentId: request.agentId } }, context);
  }

  @CommandEndpoint(':accountId/validation-notice', { summary: 'Send the validation notice (once; starts the 30-day validation period)', status: 201, response: CommandReceipt })
  validationNotice(@AccountIdParam() accountId: string, @Body() request: ValidationNoticeRequest, @Context() context: CommandContext) {
    return this.apply(accountId, { type: 'SendValidationNotice', data: { channel: request.channel, policies: this.contactPolicies.policies } }, context);
  }
}
