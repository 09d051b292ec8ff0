import { ApiProperty } from '@nestjs/swagger';
import { CommandReceipt } from '../command-handling/command-receipt';

export class DebtorCreditLimitChangedResponse extends CommandReceipt {
  @ApiProperty({
    type: [String],
    example: ['acc-1', 'acc-2'],
    description: 'The debtor’s open accounts with the creditor the change of their limit was recorded on, the named one first when it was recorded there.',
  })
  accountIds!: string[];
}

export class CreditReportPulledResponse extends CommandReceipt {
  @ApiProperty({ example: 'Experian' }) bureau!: string;
  @ApiProperty({ type: 'integer', example: 640 }) score!: number;
  @ApiProperty({ type: 'integer', example: 300 }) scaleMin!: number;
  @ApiProperty({ type: 'integer', example: 850 }) scaleMax!: number;
  @ApiProperty({ example: '2026-02-20' }) reportedOn!: string;
  @ApiProperty({ type: [String], example: ['D1', '14'] }) reasonCodes!: string[];
}
