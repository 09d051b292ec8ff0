import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Context } from '../../command-handling/command-context';
import type { CommandContext } from '@arrears/commands';
import { CommandEndpoint } from '../../http/command-endpoint.decorator';
import { ParseIdPipe } from '../../http/parse-id.pipe';
import { RecordPaymentCommand } from './record-payment.command';
import { PaymentRecordedResponse } from './record-payment.handler';
import { RecordPaymentRequest } from './record-payment.request';

@ApiTags('billing')
@Controller('accounts')
export class RecordPaymentController {
  constructor(private readonly commands: CommandBus) {}

  @CommandEndpoint(':accountId/payments', {
    summary: 'Record a payment: plan installments first, then invoices oldest first, the rest as credit',
    status: 201,
    response: PaymentRecordedResponse,
  })
  record(
    @Param('accountId', new ParseIdPipe('accountId')) accountId: string,
    @Body() request: RecordPaymentRequest,
    @Context() context: CommandContext,
  ): Promise<PaymentRecordedResponse> {
    return this.commands.execute(new RecordPaymentCommand(accountId, request, context));
  }
}
