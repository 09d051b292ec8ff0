import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsOptional, ValidateNested } from 'class-validator';
import { PostalAddressRequest } from '../accounts/accounts.requests';
import { IsBusinessDate, IsId, IsText } from '../http/validators';

export class RaiseDisputeRequest {
  @IsId({ example: 'dispute-1' })
  disputeId!: string;

  @IsOptional()
  @IsId({ required: false, example: 'inv-1', description: 'The disputed invoice; the whole account when absent.' })
  invoiceId?: string;

  @IsText(1000, 'Why the debtor disputes the debt.')
  reason!: string;

  @IsOptional()
  @IsText(500, 'A document sent with the dispute, by reference (a file id or URL in the sender’s document store).', true)
  attachmentRef?: string;
}

class DisputeVerificationRequest {
  @IsIn(['letter', 'email'])
  @ApiProperty({ enum: ['letter', 'email'], description: 'How the verification went to the debtor.' })
  channel!: 'letter' | 'email';

  @IsBusinessDate({ example: '2026-02-12', description: 'The day it was sent: not after the debtor’s today.' })
  sentOn!: string;
}

export class ResolveDisputeRequest {
  @IsIn(['upheld', 'rejected'])
  @ApiProperty({
    enum: ['upheld', 'rejected'],
    description: 'Upheld: the disputed balance is adjusted off. Rejected: verification provided, collection resumes.',
  })
  outcome!: 'upheld' | 'rejected';

  @IsOptional()
  @ValidateNested()
  @Type(() => DisputeVerificationRequest)
  @ApiProperty({
    type: DisputeVerificationRequest,
    required: false,
    description:
      'The verification of the debt (or a copy of a judgment) sent to the debtor: needed to reject a dispute that paused collection (12 CFR 1006.38(d)(2)(i)).',
  })
  verification?: DisputeVerificationRequest;
}

export class OriginalCreditorRequestRequest {
  @IsId({ example: 'ocr-1' })
  requestId!: string;

  @IsOptional()
  @IsId({ required: false, example: 'inv-1', description: 'The debt asked about; the whole account when absent.' })
  invoiceId?: string;
}

export class ProvideOriginalCreditorRequest {
  @IsText(200, 'The original creditor’s name.')
  name!: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => PostalAddressRequest)
  @ApiProperty({ type: PostalAddressRequest, description: 'The original creditor’s address.' })
  address!: PostalAddressRequest;

  @IsIn(['letter', 'email'])
  @ApiProperty({ enum: ['letter', 'email'], description: 'How the answer goes to the debtor: in writing.' })
  channel!: 'letter' | 'email';
}
