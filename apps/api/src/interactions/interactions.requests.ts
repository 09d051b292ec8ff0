import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  contactChannels,
  contactOutcomes,
  electronicDeliveryBases,
  idPattern,
  maxNoteLength,
  type ContactChannel,
  type ContactOutcome,
  type ElectronicDeliveryBasis,
} from '@arrears/domain';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';
import { IsBusinessDate, IsText } from '../http/validators';

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

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @Matches(idPattern, { each: true, message: 'each invoice id must be 1–64 letters, digits, dots, dashes or underscores' })
  @ApiPropertyOptional({
    type: [String],
    description: 'The debts the contact is about; the account as a whole when absent (allowed while an undisputed, unpaused invoice is owed).',
  })
  invoiceIds?: string[];
}

export class CallConsentRequest {
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @ApiPropertyOptional({ format: 'date-time', description: 'When the debtor gave the consent, directly to the collector; now when absent.' })
  givenAt?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(7)
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 7,
    description: 'Consecutive days the consent covers, its own day the first; 7 when absent (1006.14(b)(3)(i)).',
  })
  days?: number;
}

export class AddNoteRequest {
  @IsText(maxNoteLength, 'What happened, for the next person on the account.')
  text!: string;
}

const timeOfDay = { pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: '$property must be a time of day, HH:MM' };

export class PreferredContactTimeRequest {
  @Matches(timeOfDay.pattern, { message: timeOfDay.message })
  @ApiProperty({ example: '18:00', description: 'From this time of day (HH:MM), in the debtor’s time zone.' })
  from!: string;

  @Matches(timeOfDay.pattern, { message: timeOfDay.message })
  @ApiProperty({ example: '20:30', description: 'To this time of day (HH:MM), after `from`.' })
  to!: string;
}

export class ValidationNoticeRequest {
  @IsIn(['letter', 'email'])
  @ApiProperty({ enum: ['letter', 'email'] })
  channel!: 'letter' | 'email';
}

export class ElectronicDeliveryConsentRequest {
  @IsIn(electronicDeliveryBases)
  @ApiProperty({
    enum: electronicDeliveryBases,
    description:
      'esign_consent: the debtor consented under E-SIGN section 101(c); safe_harbor_procedure: the procedure of 12 CFR 1006.6(d)(4)(i) or (ii) was carried out (1006.42(b)).',
  })
  basis!: ElectronicDeliveryBasis;

  @IsOptional()
  @IsBusinessDate({ required: false, description: 'The day the consent was given or the procedure completed (the debtor’s date); today when absent.' })
  consentedOn?: string;
}
