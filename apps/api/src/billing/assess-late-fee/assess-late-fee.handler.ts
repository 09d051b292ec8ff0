import { ApiProperty } from '@nestjs/swagger';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AccountCommandService, eventOf } from '@arrears/commands';
import { CommandReceipt, receiptOf } from '../../command-handling/command-receipt';
import { AssessLateFeeCommand } from './assess-late-fee.command';

export class LateFeeAssessedResponse extends CommandReceipt {
  @ApiProperty({ example: 'inv-1' }) invoiceId!: string;
  @ApiProperty({ example: 1500, description: 'The fee (minor units), per the invoice’s terms.' }) fee!: number;
  @ApiProperty({ example: '2026-02-16' }) assessedOn!: string;
}

@CommandHandler(AssessLateFeeCommand)
export class AssessLateFeeHandler implements ICommandHandler<AssessLateFeeCommand, LateFeeAssessedResponse> {
  constructor(private readonly accounts: AccountCommandService) {}

  async execute({ accountId, request: { invoiceId }, context }: AssessLateFeeCommand): Promise<LateFeeAssessedResponse> {
    const outcome = await this.accounts.handle(accountId, { type: 'AssessLateFee', data: { invoiceId } }, context);
    const assessed = eventOf(outcome, 'LateFeeAssessed')?.data;
    return { ...receiptOf(outcome), invoiceId, fee: assessed?.amount ?? 0, assessedOn: assessed?.assessedOn ?? '' };
  }
}
