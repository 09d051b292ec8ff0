import type { CommandContext } from '../../command-handling/command-context';
import type { OpenAccountRequest } from './open-account.request';

export class OpenAccountCommand {
  constructor(
    readonly request: OpenAccountRequest,
    readonly context: CommandContext,
  ) {}
}
