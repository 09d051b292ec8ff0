import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsId, IsText } from '../http/validators';

export class RaiseDisputeRequest {
  @IsId({ example: 'dispute-1' })
  disputeId!: string;

  @IsOptional()
  @IsId({ required: false, example: 'inv-1', description: 'The disputed invoice; the whole account when absent.' })
  invoiceId?: string;

  @IsText(1000, 'Why the debtor disputes the debt.')
  reason!: string;
}

export class ResolveDisputeRequest {
  @IsIn(['upheld', 'rejected'])
  @ApiProperty({
    enum: ['upheld', 'rejected'],
    description: 'Upheld: the disputed balance is adjusted off. Rejected: validation provided, collection resumes.',
  })
  outcome!: 'upheld' | 'rejected';
}
