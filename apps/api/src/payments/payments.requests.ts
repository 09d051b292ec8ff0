import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsBusinessDate, IsCurrency, IsId, IsMinorUnits } from '../http/validators';

export const paymentMethods = ['card', 'bank_transfer', 'ach', 'wire', 'direct_debit', 'check', 'cash', 'agency', 'other'] as const;

export class RecordPaymentRequest {
  @IsId({ example: 'pay-1' })
  paymentId!: string;

  @IsMinorUnits({ example: 5000 })
  amount!: number;

  @IsCurrency()
  currency!: string;

  @IsBusinessDate({ example: '2026-02-10', description: 'Not after the debtor’s today.' })
  receivedOn!: string;

  @IsIn(paymentMethods)
  @ApiProperty({ enum: paymentMethods, example: 'card' })
  method!: (typeof paymentMethods)[number];

  @IsOptional()
  @IsId({
    required: false,
    example: 'agency-1',
    description: 'The collection agency that collected it; accepted only while the account is placed with that agency.',
  })
  agencyId?: string;
}
