import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Context } from '../../command-handling/command-context';
import type { CommandContext } from '@arrears/commands';
import { CommandReceipt } from '../../command-handling/command-receipt';
import { CommandEndpoint } from '../../http/command-endpoint.decorator';
import { ParseIdPipe } from '../../http/parse-id.pipe';
import { ReleaseAccountClaimRequest } from '../claim-account/claim-account.request';
import { ReleaseAccountClaimCommand } from './release-account-claim.command';

@ApiTags('worklist')
@Controller('worklist')
export class ReleaseAccountClaimController {
  constructor(private readonly commands: CommandBus) {}

  @CommandEndpoint(':accountId/release', { summary: 'Release one’s own claim on an account (409 NOT_CLAIMED_BY_AGENT otherwise)', status: 200, response: CommandReceipt })
  release(
    @Param('accountId', new ParseIdPipe('accountId')) accountId: string,
    @Body() request: ReleaseAccountClaimRequest,
    @Context() context: CommandContext,
  ): Promise<CommandReceipt> {
    return this.commands.execute(new ReleaseAccountClaimCommand(accountId, request, context));
  }
}
