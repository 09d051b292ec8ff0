import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, Matches, ValidateNested } from 'class-validator';
import { idPattern, maxInstallments } from '@arrears/domain';
import { IsBusinessDate, IsCurrency, IsId, IsMinorUnits } from '../http/validators';

export class InstallmentRequest {
  @IsBusinessDate({ example: '2026-03-01' })
  dueOn!: string;

  @IsMinorUnits({ example: 3750 })
  amount!: number;
}

export class AgreePlanRequest {
  @IsId({ example: 'plan-1' })
  planId!: string;

  @IsCurrency()
  currency!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(maxInstallments)
  @ValidateNested({ each: true })
  @Type(() => InstallmentRequest)
  @ApiProperty({ type: [InstallmentRequest], description: 'In due-date order; they must add up to the covered balance.' })
  installments!: InstallmentRequest[];

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @Matches(idPattern, { each: true, message: 'each invoice id must be 1–64 letters, digits, dots, dashes or underscores' })
  @ApiPropertyOptional({ type: [String], description: 'Invoices the plan covers; default: every open invoice.' })
  invoiceIds?: string[];
}

export class ExtendDeadlineRequest {
  @IsBusinessDate({ description: 'The installment’s new due date.' })
  dueOn!: string;
}
