import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Context } from '../../command-handling/command-context';
import type { CommandContext } from '@arrears/commands';
import { CommandEndpoint } from '../../http/command-endpoint.decorator';
import { ParseIdPipe } from '../../http/parse-id.pipe';
import { ClaimAccountCommand } from './claim-account.command';
import { ClaimReceipt } from './claim-account.handler';
import { ClaimAccountRequest } from './claim-account.request';

@ApiTags('worklist')
@Controller('worklist')
export class ClaimAccountController {
  constructor(private readonly commands: CommandBus) {}

  @CommandEndpoint(':accountId/claim', { summary: 'Claim an account to work it alone for a while (409 ACCOUNT_CLAIMED while another agent holds it)', status: 200, response: ClaimReceipt })
  claim(
    @Param('accountId', new ParseIdPipe('accountId')) accountId: string,
    @Body() request: ClaimAccountRequest,
    @Context() context: CommandContext,
  ): Promise<ClaimReceipt> {
    return this.commands.execute(new ClaimAccountCommand(accountId, request, context));
  }
}
