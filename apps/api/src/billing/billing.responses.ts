import { ApiProperty } from '@nestjs/swagger';
import { CommandReceipt } from '../command-handling/command-receipt';

export class InvoiceIssuedResponse extends CommandReceipt {
  @ApiProperty({ example: 'inv-1' }) invoiceId!: string;
  @ApiProperty({ type: 'integer', description: 'Credit from earlier overpayments used for this invoice (minor units).', example: 0 })
  creditApplied!: number;
  @ApiProperty({
    type: String,
    enum: ['warn', 'approve'],
    nullable: true,
    description: 'Set when the invoice took the account past its credit limit and was accepted: with a warning, or flagged for a supervisor’s approval.',
  })
  overLimit!: 'warn' | 'approve' | null;
}

export class PaymentMissedResponse extends CommandReceipt {
  @ApiProperty({ example: 'inv-1' }) invoiceId!: string;
  @ApiProperty({ type: 'integer', example: 7500, description: 'What was still owed on the invoice (minor units).' }) overdueAmount!: number;
  @ApiProperty({ example: '2026-02-06', description: 'The debtor’s date when it was marked.' }) missedOn!: string;
}

export class LateFeeAssessedResponse extends CommandReceipt {
  @ApiProperty({ example: 'inv-1' }) invoiceId!: string;
  @ApiProperty({ type: 'integer', example: 1500, description: 'The fee (minor units), per the invoice’s terms.' }) fee!: number;
  @ApiProperty({ example: '2026-02-16' }) assessedOn!: string;
}
