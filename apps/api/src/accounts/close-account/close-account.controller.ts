import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Context } from '../../command-handling/command-context';
import type { CommandContext } from '@arrears/commands';
import { CommandReceipt } from '../../command-handling/command-receipt';
import { CommandEndpoint } from '../../http/command-endpoint.decorator';
import { ParseIdPipe } from '../../http/parse-id.pipe';
import { OptionalBodyPipe } from '../../http/optional-body.pipe';
import { CloseAccountCommand } from './close-account.command';
import { CloseAccountRequest } from './close-account.request';

@ApiTags('accounts')
@Controller('accounts')
export class CloseAccountController {
  constructor(private readonly commands: CommandBus) {}

  @CommandEndpoint(':accountId/close', { summary: 'Close an account that owes nothing and holds no credit', status: 200, response: CommandReceipt })
  close(
    @Param('accountId', new ParseIdPipe('accountId')) accountId: string,
    @Body(OptionalBodyPipe) request: CloseAccountRequest,
    @Context() context: CommandContext,
  ): Promise<CommandReceipt> {
    return this.commands.execute(new CloseAccountCommand(accountId, request, context));
  }
}
