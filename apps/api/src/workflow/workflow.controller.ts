import { Param, ParseEnumPipe, ParseIntPipe } from '@nestjs/common';
import type { CommandBus } from '@nestjs/cqrs';
import { contactChannels } from '@arrears/domain';
import type { AccountCommandInput } from '@arrears/commands';
import type { CommandContext } from '@arrears/commands';
import type { CommandReceipt } from '../command-handling/command-receipt';
import { ParseIdPipe } from '../http/parse-id.pipe';
import { ApplyAccountCommand } from './apply-account-command';

/** Route parameters every workflow route shares. */
export const AccountIdParam = () => Param('accountId', new ParseIdPipe('accountId'));
export const IdParam = (name: string) => Param(name, new ParseIdPipe(name));
export const ChannelParam = () => Param('channel', new ParseEnumPipe(Object.fromEntries(contactChannels.map((channel) => [channel, channel]))));
export const NumberParam = (name: string) => Param(name, ParseIntPipe);

/** A controller whose routes each build one domain command from the request and apply it. */
export abstract class WorkflowController {
  constructor(protected readonly commands: CommandBus) {}

  protected apply(accountId: string, input: AccountCommandInput, context: CommandContext): Promise<CommandReceipt> {
    return this.commands.execute(new ApplyAccountCommand(accountId, input, context));
  }
}
