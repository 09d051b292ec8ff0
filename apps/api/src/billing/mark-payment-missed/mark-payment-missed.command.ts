import type { CommandContext } from '../../command-handling/command-context';

export class MarkPaymentMissedCommand {
  constructor(
    readonly accountId: string,
    readonly invoiceId: string,
    readonly context: CommandContext,
  ) {}
}
