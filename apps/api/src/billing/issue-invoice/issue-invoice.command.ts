import { AccountCommandMessage } from '../../command-handling/account-command.message';
import type { IssueInvoiceRequest } from './issue-invoice.request';

export class IssueInvoiceCommand extends AccountCommandMessage<IssueInvoiceRequest> {}
