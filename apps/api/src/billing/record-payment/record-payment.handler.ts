import { ApiProperty } from '@nestjs/swagger';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AccountCommandService } from '@arrears/commands';
import { CommandReceipt, receiptOf } from '../../command-handling/command-receipt';
import { RecordPaymentCommand } from './record-payment.command';

class AllocationResponse {
  @ApiProperty({ example: 'inv-1' }) invoiceId!: string;
  @ApiProperty({ example: 5000 }) amount!: number;
}

class InstallmentAllocationResponse {
  @ApiProperty({ example: 1 }) installment!: number;
  @ApiProperty({ example: 3750 }) amount!: number;
}

class DiscountResponse {
  @ApiProperty({ example: 'inv-1' }) invoiceId!: string;
  @ApiProperty({ example: 250 }) amount!: number;
}

export class PaymentRecordedResponse extends CommandReceipt {
  @ApiProperty({ example: 'pay-1' }) paymentId!: string;
  @ApiProperty({ type: [AllocationResponse], description: 'To invoices, oldest open amount first.' })
  allocations!: AllocationResponse[];
  @ApiProperty({ type: [InstallmentAllocationResponse], description: 'To the active plan’s installments, if any.' })
  installmentAllocations!: InstallmentAllocationResponse[];
  @ApiProperty({ description: 'Overpayment kept as credit for later invoices.', example: 0 })
  credited!: number;
  @ApiProperty({ type: [DiscountResponse], description: 'Early-payment discounts this payment earned.' })
  discounts!: DiscountResponse[];
  @ApiProperty({ type: [Number], description: 'Installments this payment completed.' })
  installmentsPaid!: number[];
  @ApiProperty({ description: 'True when this payment completed the active plan.' })
  planCompleted!: boolean;
}

@CommandHandler(RecordPaymentCommand)
export class RecordPaymentHandler implements ICommandHandler<RecordPaymentCommand, PaymentRecordedResponse> {
  constructor(private readonly accounts: AccountCommandService) {}

  async execute({ accountId, request, context }: RecordPaymentCommand): Promise<PaymentRecordedResponse> {
    const { paymentId, amount, currency, receivedOn, method, agencyId } = request;
    const outcome = await this.accounts.handle(
      accountId,
      { type: 'RecordPayment', data: { paymentId, amount, currency, receivedOn, method, ...(agencyId === undefined ? {} : { agencyId }) } },
      context,
    );
    const response: PaymentRecordedResponse = {
      ...receiptOf(outcome),
      paymentId,
      allocations: [],
      installmentAllocations: [],
      credited: 0,
      discounts: [],
      installmentsPaid: [],
      planCompleted: false,
    };
    for (const event of outcome.events) {
      if (event.type === 'PaymentReceived') {
        const { allocations, installmentAllocations, credited } = event.data;
        Object.assign(response, { allocations, installmentAllocations, credited });
      }
      if (event.type === 'EarlyPaymentDiscountApplied') response.discounts.push({ invoiceId: event.data.invoiceId, amount: event.data.amount });
      if (event.type === 'InstallmentPaid') response.installmentsPaid.push(event.data.installment);
      if (event.type === 'PlanCompleted') response.planCompleted = true;
    }
    return response;
  }
}
