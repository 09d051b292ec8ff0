import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Context } from '../../command-handling/command-context';
import type { CommandContext } from '@arrears/commands';
import { CommandEndpoint } from '../../http/command-endpoint.decorator';
import { ParseIdPipe } from '../../http/parse-id.pipe';
import { IssueInvoiceCommand } from './issue-invoice.command';
import { InvoiceIssuedResponse } from './issue-invoice.handler';
import { IssueInvoiceRequest } from './issue-invoice.request';

@ApiTags('billing')
@Controller('accounts')
export class IssueInvoiceController {
  constructor(private readonly commands: CommandBus) {}

  @CommandEndpoint(':accountId/invoices', { summary: 'Issue an invoice (backdating allowed)', status: 201, response: InvoiceIssuedResponse })
  issue(
    @Param('accountId', new ParseIdPipe('accountId')) accountId: string,
    @Body() request: IssueInvoiceRequest,
    @Context() context: CommandContext,
  ): Promise<InvoiceIssuedResponse> {
    return this.commands.execute(new IssueInvoiceCommand(accountId, request, context));
  }
}
