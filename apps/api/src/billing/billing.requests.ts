import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, ValidateIf, ValidateNested } from 'class-validator';
import { maxDiscountDays, maxGraceDays } from '@arrears/domain';
import { IsBusinessDate, IsCurrency, IsDayCount, IsId, IsMinorUnits, IsPercent } from '../http/validators';

export class LateFeeRequest {
  @IsIn(['flat', 'percent'])
  @ApiProperty({ enum: ['flat', 'percent'] })
  type!: 'flat' | 'percent';

  @ValidateIf((fee: LateFeeRequest) => fee.type === 'flat' || fee.amount !== undefined)
  @IsMinorUnits({ required: false, description: 'For a flat fee: minor units of the invoice currency.' })
  amount?: number;

  @ValidateIf((fee: LateFeeRequest) => fee.type === 'percent' || fee.percent !== undefined)
  @IsPercent(0.0001, 100, { required: false, description: 'For a percentage fee: percent of what is overdue.', example: 1.5 })
  percent?: number;
}

export class EarlyPaymentDiscountRequest {
  @IsPercent(0.0001, 99.9999, { example: 2 })
  percent!: number;

  @IsDayCount(maxDiscountDays, { example: 10, description: 'Days after the issue date the discount is available.' })
  withinDays!: number;
}

export class InvoiceTermsRequest {
  @IsDayCount(maxGraceDays, { example: 5, description: 'Days after the due date before the invoice counts as missed.' })
  graceDays!: number;

  @IsOptional()
  @ValidateNested()
  @Type(() => LateFeeRequest)
  @ApiPropertyOptional({ type: LateFeeRequest })
  lateFee?: LateFeeRequest;

  @IsOptional()
  @ValidateNested()
  @Type(() => EarlyPaymentDiscountRequest)
  @ApiPropertyOptional({ type: EarlyPaymentDiscountRequest })
  earlyPaymentDiscount?: EarlyPaymentDiscountRequest;
}

export class IssueInvoiceRequest {
  @IsId({ example: 'inv-1' })
  invoiceId!: string;

  @IsMinorUnits()
  amount!: number;

  @IsCurrency()
  currency!: string;

  @IsBusinessDate({ example: '2026-01-01', description: 'May be in the past: importing receivables is normal.' })
  issuedOn!: string;

  @IsBusinessDate({ example: '2026-01-31' })
  dueOn!: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => InvoiceTermsRequest)
  @ApiPropertyOptional({ type: InvoiceTermsRequest, description: 'Default: no grace days, no fee, no discount.' })
  terms?: InvoiceTermsRequest;
}
