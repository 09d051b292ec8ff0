import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { contactChannels, contactOutcomes, type ContactChannel, type ContactOutcome } from '@arrears/domain';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsBusinessDate, IsCurrency, IsId, IsMinorUnits } from '../http/validators';

const Text = (max: number, description: string, optional = false) => (target: object, key: string) => {
  IsString()(target, key);
  MinLength(1)(target, key);
  MaxLength(max)(target, key);
  (optional ? ApiPropertyOptional : ApiProperty)({ type: String, maxLength: max, description })(target, key);
};

export class LogContactRequest {
  @IsIn(contactChannels)
  @ApiProperty({ enum: contactChannels })
  channel!: ContactChannel;

  @IsIn(['inbound', 'outbound'])
  @ApiProperty({ enum: ['inbound', 'outbound'] })
  direction!: 'inbound' | 'outbound';

  @IsIn(contactOutcomes)
  @ApiProperty({ enum: contactOutcomes })
  outcome!: ContactOutcome;

  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @ApiPropertyOptional({ format: 'date-time', description: 'When the contact happened; now when absent.' })
  at?: string;
}

export class AddNoteRequest {
  @Text(4000, 'What happened, for the next person on the account.')
  text!: string;
}

export class AssignAgentRequest {
  @IsId({ example: 'agent-7' })
  agentId!: string;
}

export class ValidationNoticeRequest {
  @IsIn(['letter', 'email'])
  @ApiProperty({ enum: ['letter', 'email'] })
  channel!: 'letter' | 'email';
}

export class RecordPromiseRequest {
  @IsId({ example: 'promise-1' })
  promiseId!: string;

  @IsMinorUnits()
  amount!: number;

  @IsCurrency()
  currency!: string;

  @IsBusinessDate({ description: 'The date by which the debtor promised to pay.' })
  dueOn!: string;
}

export class ExtendDeadlineRequest {
  @IsBusinessDate({ description: 'The installment’s new due date.' })
  dueOn!: string;
}

export class RaiseDisputeRequest {
  @IsId({ example: 'dispute-1' })
  disputeId!: string;

  @IsOptional()
  @IsId({ required: false, example: 'inv-1', description: 'The disputed invoice; the whole account when absent.' })
  invoiceId?: string;

  @Text(1000, 'Why the debtor disputes the debt.')
  reason!: string;
}

export class ResolveDisputeRequest {
  @IsIn(['upheld', 'rejected'])
  @ApiProperty({ enum: ['upheld', 'rejected'], description: 'Upheld: the disputed balance is adjusted off. Rejected: validation provided, collection resumes.' })
  outcome!: 'upheld' | 'rejected';
}

export class FlagHardshipRequest {
  @IsOptional()
  @Text(1000, 'What the hardship is.', true)
  note?: string;
}

export class PlaceHoldRequest {
  @IsId({ example: 'hold-1' })
  holdId!: string;

  @Text(500, 'Why collection stops.')
  reason!: string;

  @IsBusinessDate({ description: 'The hold’s last day (in the debtor’s zone).' })
  until!: string;
}

export class AgreeSettlementRequest {
  @IsId({ example: 'settlement-1' })
  settlementId!: string;

  @IsMinorUnits({ description: 'What the debtor pays to settle the whole balance.' })
  amount!: number;

  @IsCurrency()
  currency!: string;

  @IsBusinessDate({ description: 'By when.' })
  dueOn!: string;
}

export class WriteOffRequest {
  @Text(500, 'Why the balance is written off.')
  reason!: string;
}

export class PlaceWithAgencyRequest {
  @IsId({ example: 'agency-1' })
  agencyId!: string;
}

export class EscalateToLegalRequest {
  @IsOptional()
  @Text(1000, 'Why.', true)
  reason?: string;
}
