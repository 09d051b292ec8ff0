import { Body, Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Context } from '../../command-handling/command-context';
import type { CommandContext } from '@arrears/commands';
import { CommandReceipt } from '../../command-handling/command-receipt';
import { CommandEndpoint } from '../../http/command-endpoint.decorator';
import { OpenAccountCommand } from './open-account.command';
import { OpenAccountRequest } from './open-account.request';

@ApiTags('accounts')
@Controller('accounts')
export class OpenAccountController {
  constructor(private readonly commands: CommandBus) {}

  @CommandEndpoint('', { summary: 'Open an account for a debtor of a creditor', status: 201, response: CommandReceipt })
  open(@Body() request: OpenAccountRequest, @Context() context: CommandContext): Promise<CommandReceipt> {
    return this.commands.execute(new OpenAccountCommand(request, context));
  }
}
