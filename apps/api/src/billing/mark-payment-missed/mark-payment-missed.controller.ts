import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Context } from '../../command-handling/command-context';
import type { CommandContext } from '@arrears/commands';
import { CommandEndpoint } from '../../http/command-endpoint.decorator';
import { NoBodyPipe } from '../../http/no-body.pipe';
import { ParseIdPipe } from '../../http/parse-id.pipe';
import { MarkPaymentMissedCommand } from './mark-payment-missed.command';
import { PaymentMissedResponse } from './mark-payment-missed.handler';

@ApiTags('billing')
@Controller('accounts')
export class MarkPaymentMissedController {
  constructor(private readonly commands: CommandBus) {}

  @CommandEndpoint(':accountId/invoices/:invoiceId/missed', {
    summary: 'Mark an invoice’s payment missed (after due date + grace, while unpaid, once)',
    status: 200,
    response: PaymentMissedResponse,
  })
  markMissed(
    @Param('accountId', new ParseIdPipe('accountId')) accountId: string,
    @Param('invoiceId', new ParseIdPipe('invoiceId')) invoiceId: string,
    @Body(NoBodyPipe) _none: unknown,
    @Context() context: CommandContext,
  ): Promise<PaymentMissedResponse> {
    return this.commands.execute(new MarkPaymentMissedCommand(accountId, { invoiceId }, context));
  }
}
