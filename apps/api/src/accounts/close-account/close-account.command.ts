import type { CommandContext } from '../../command-handling/command-context';
import type { CloseAccountRequest } from './close-account.request';

export class CloseAccountCommand {
  constructor(
    readonly accountId: string,
    readonly request: CloseAccountRequest,
    readonly context: CommandContext,
  ) {}
}
