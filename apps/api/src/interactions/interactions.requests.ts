import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  contactChannels,
  contactOutcomes,
  electronicDeliveryBases,
  type ContactChannel,
  type ContactOutcome,
  type ElectronicDeliveryBasis,
} from '@arrears/domain';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
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
}

export class AddNoteRequest {
  @IsText(4000, 'What happened, for the next person on the account.')
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
