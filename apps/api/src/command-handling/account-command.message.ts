import type { CommandContext } from '@arrears/commands';

/**
 * A request to change one account, as it travels on the CommandBus. Each use case subclasses it
 * (the bus routes by class), so its handler receives the account, the validated request and the
 * context of the HTTP request.
 */
export abstract class AccountCommandMessage<Request> {
  constructor(
    readonly accountId: string,
    readonly request: Request,
    readonly context: CommandContext,
  ) {}
}
