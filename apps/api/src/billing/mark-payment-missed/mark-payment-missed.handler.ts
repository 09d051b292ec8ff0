import { ApiProperty } from '@nestjs/swagger';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AccountCommandService, eventOf } from '@arrears/commands';
import { CommandReceipt, receiptOf } from '../../command-handling/command-receipt';
import { MarkPaymentMissedCommand } from './mark-payment-missed.command';

export class PaymentMissedResponse extends CommandReceipt {
  @ApiProperty({ example: 'inv-1' }) invoiceId!: string;
  @ApiProperty({ example: 7500, description: 'What was still owed on the invoice (minor units).' }) overdueAmount!: number;
  @ApiProperty({ example: '2026-02-06', description: 'The debtor’s date when it was marked.' }) missedOn!: string;
}

@CommandHandler(MarkPaymentMissedCommand)
export class MarkPaymentMissedHandler implements ICommandHandler<MarkPaymentMissedCommand, PaymentMissedResponse> {
  constructor(private readonly accounts: AccountCommandService) {}

  async execute({ accountId, request: { invoiceId }, context }: MarkPaymentMissedCommand): Promise<PaymentMissedResponse> {
    const outcome = await this.accounts.handle(accountId, { type: 'MarkPaymentMissed', data: { invoiceId } }, context);
    const missed = eventOf(outcome, 'PaymentMissed')?.data;
    return { ...receiptOf(outcome), invoiceId, overdueAmount: missed?.overdueAmount ?? 0, missedOn: missed?.missedOn ?? '' };
  }
}
