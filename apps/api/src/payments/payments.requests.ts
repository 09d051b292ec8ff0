import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { paymentMethods, reversalReasons, type PaymentMethod, type ReversalReason } from '@arrears/domain';
import { IsBusinessDate, IsCurrency, IsId, IsMinorUnits } from '../http/validators';

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
  method!: PaymentMethod;

  @IsOptional()
  @IsId({
    required: false,
    example: 'agency-1',
    description: 'The collection agency that collected it; accepted only while the account is placed with that agency.',
  })
  agencyId?: string;
}

export class ReversePaymentRequest {
  @IsId({ example: 're_3PqY8x2eZvKYlo2C0sYcL1xU', description: 'Names this reversal: sending it again changes nothing.' })
  reversalId!: string;

  @IsMinorUnits({ example: 2500, description: 'At most what is left of the payment after earlier reversals.' })
  amount!: number;

  @IsCurrency()
  currency!: string;

  @IsBusinessDate({ example: '2026-02-12', description: 'The day the money went back: not before the payment, not after the debtor’s today.' })
  reversedOn!: string;

  @IsIn(reversalReasons)
  @ApiProperty({ enum: reversalReasons, example: 'refund', description: 'A refund by the creditor, or a chargeback the creditor lost.' })
  reason!: ReversalReason;

  @IsOptional()
  @IsId({ required: false, example: 'du_1PqY8x2eZvKYlo2C', description: 'The payment provider’s id of the refund or dispute.' })
  providerReference?: string;
}
