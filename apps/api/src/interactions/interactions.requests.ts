import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { contactChannels, contactOutcomes, type ContactChannel, type ContactOutcome } from '@arrears/domain';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { IsText } from '../http/validators';

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
  @IsText(4000, 'What happened, for the next person on the account.')
  text!: string;
}

export class ValidationNoticeRequest {
  @IsIn(['letter', 'email'])
  @ApiProperty({ enum: ['letter', 'email'] })
  channel!: 'letter' | 'email';
}
