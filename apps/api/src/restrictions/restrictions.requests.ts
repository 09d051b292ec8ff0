import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ceaseNoticeKinds, type CeaseNoticeKind } from '@arrears/domain';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { IsBusinessDate, IsId, IsText } from '../http/validators';

export class FlagHardshipRequest {
  @IsOptional()
  @IsText(1000, 'What the hardship is.', true)
  note?: string;
}

export class PlaceHoldRequest {
  @IsId({ example: 'hold-1' })
  holdId!: string;

  @IsText(500, 'Why collection stops.')
  reason!: string;

  @IsBusinessDate({ description: 'The hold’s last day (in the debtor’s zone).' })
  until!: string;
}

export class CeaseNoticeRequest {
  @IsIn(ceaseNoticeKinds)
  @ApiProperty({
    enum: ceaseNoticeKinds,
    description: 'That further efforts end (1006.6(c)(2)(i)); that a specified remedy may be invoked (ii); that one will be invoked (iii).',
  })
  kind!: CeaseNoticeKind;

  @IsOptional()
  @IsText(500, 'The remedy, as the notice names it: required for a remedy notice, absent otherwise.', true)
  remedy?: string;

  @IsIn(['letter', 'email'])
  @ApiProperty({ enum: ['letter', 'email'] })
  channel!: 'letter' | 'email';
}

export class BlockedMediumReplyRequest {
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'The debtor’s inbound contact by the blocked medium being answered (its logged instant); the latest when absent.',
  })
  inboundAt?: string;
}
