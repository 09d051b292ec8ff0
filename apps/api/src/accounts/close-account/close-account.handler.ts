import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AccountCommandService } from '@arrears/commands';
import { receiptOf, type CommandReceipt } from '../../command-handling/command-receipt';
import { CloseAccountCommand } from './close-account.command';

@CommandHandler(CloseAccountCommand)
export class CloseAccountHandler implements ICommandHandler<CloseAccountCommand, CommandReceipt> {
  constructor(private readonly accounts: AccountCommandService) {}

  async execute({ accountId, request, context }: CloseAccountCommand): Promise<CommandReceipt> {
    const data = request.reason === undefined ? {} : { reason: request.reason };
    return receiptOf(await this.accounts.handle(accountId, { type: 'CloseAccount', data }, context));
  }
}
