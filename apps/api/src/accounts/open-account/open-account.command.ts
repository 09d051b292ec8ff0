import type { CommandContext } from '@arrears/commands';
import type { OpenAccountRequest } from './open-account.request';

export class OpenAccountCommand {
  constructor(
    readonly request: OpenAccountRequest,
    readonly context: CommandContext,
  ) {}
}
