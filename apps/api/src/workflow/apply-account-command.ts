import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AccountCommandService, type AccountCommandInput } from '@arrears/commands';
import type { CommandContext } from '@arrears/commands';
import { CommandReceipt, receiptOf } from '../command-handling/command-receipt';

/**
 * A workflow command for one account, as it travels on the CommandBus: the domain command is built
 * at the edge from the validated request, so one handler serves every workflow route.
 */
export class ApplyAccountCommand {
  constructor(
    readonly accountId: string,
    readonly input: AccountCommandInput,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(ApplyAccountCommand)
export class ApplyAccountCommandHandler implements ICommandHandler<ApplyAccountCommand, CommandReceipt> {
  constructor(private readonly accounts: AccountCommandService) {}

  async execute({ accountId, input, context }: ApplyAccountCommand): Promise<CommandReceipt> {
    return receiptOf(await this.accounts.handle(accountId, input, context));
  }
}
