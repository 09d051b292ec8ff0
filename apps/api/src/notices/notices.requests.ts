import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { messageChannels, type MessageChannel } from '@arrears/domain';
import { IsId } from '../http/validators';

/** What to preview a template with: a channel and language, and a real account's data or (without one) sample data. */
export class PreviewTemplateRequest {
  @IsIn(messageChannels, { message: `channel must be one of ${messageChannels.join(', ')}` })
  @ApiProperty({ enum: messageChannels, example: 'email' })
  channel!: MessageChannel;

  @IsOptional()
  @Matches(/^[a-z]{2}$/, { message: 'language must be a two-letter ISO 639-1 code such as en or es' })
  @ApiPropertyOptional({
    example: 'es',
    description: 'Default: the account debtor’s language, else English. A language no template is written in falls back to English.',
  })
  language?: string;

  @IsOptional()
  @IsId({ required: false, example: 'acc-1', description: 'Render with this account’s data; without it, sample data.' })
  accountId?: string;
}
