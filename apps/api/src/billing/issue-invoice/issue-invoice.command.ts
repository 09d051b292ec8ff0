import type { CommandContext } from '../../command-handling/command-context';
import type { IssueInvoiceRequest } from './issue-invoice.request';

export class IssueInvoiceCommand {
  constructor(
    readonly accountId: string,
    readonly request: IssueInvoiceRequest,
    readonly context: CommandContext,
  ) {}
}
