import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { signedTokenPattern } from '@arrears/commands';

export class OpenPortalRequest {
  @IsString()
  @MaxLength(330)
  @Matches(signedTokenPattern, { message: 'link must be the token of a portal link, as sent' })
  @ApiProperty({
    description: 'The token of the portal link (what follows `#link=` in it).',
    maxLength: 330,
    example: 'YWNjLTEgbC0xIDE3OTk5OTk5OTkgMTgwMDAwMDAwMA.abcdefghijklmnopqrstuv',
  })
  link!: string;

  @IsString()
  @Matches(/^[A-Za-z0-9 -]{1,12}$/, { message: 'postalCode must be 1–12 letters, digits, spaces or dashes' })
  @ApiProperty({ description: 'The second factor: the postal code of the address on file.', example: '12207', maxLength: 12 })
  postalCode!: string;
}

export class IssuePortalLinkRequest {
  // A JSON number as sent, or absent: "30", true, [30] or null is refused, not converted (null was 0 days).
  @ValidateIf((_request: IssuePortalLinkRequest, days: unknown) => days !== undefined)
  @IsInt()
  @Min(1)
  @Max(365)
  @ApiProperty({ required: false, type: 'integer', minimum: 1, maximum: 365, description: 'Days the link stays good (PORTAL_LINK_DAYS when absent).' })
  days?: number;
}
