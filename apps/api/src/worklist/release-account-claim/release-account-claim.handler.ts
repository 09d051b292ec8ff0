import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AccountCommandService } from '@arrears/commands';
import { receiptOf, type CommandReceipt } from '../../command-handling/command-receipt';
import { claimingAgent } from '../claim-account/claiming-agent';
import { ReleaseAccountClaimCommand } from './release-account-claim.command';

@CommandHandler(ReleaseAccountClaimCommand)
export class ReleaseAccountClaimHandler implements ICommandHandler<ReleaseAccountClaimCommand, CommandReceipt> {
  constructor(private readonly accounts: AccountCommandService) {}

  async execute({ accountId, request, context }: ReleaseAccountClaimCommand): Promise<CommandReceipt> {
    return receiptOf(await this.accounts.handle(accountId, { type: 'ReleaseAccountClaim', data: { agentId: claimingAgent(request.agentId, context) } }, context));
  }
}
