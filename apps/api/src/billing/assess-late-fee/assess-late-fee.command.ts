import type { CommandContext } from '../../command-handling/command-context';

export class AssessLateFeeCommand {
  constructor(
    readonly accountId: string,
    readonly invoiceId: string,
    readonly context: CommandContext,
  ) {}
}
