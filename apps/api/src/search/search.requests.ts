import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsId } from '../http/validators';
import { PageQueryParams } from '../read-side/paging';

export class AccountSearchParams extends PageQueryParams {
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  @ApiProperty({
    minLength: 2,
    maxLength: 100,
    example: 'lovelace',
    description:
      'An account id or debtor reference (exactly), a phone number (7 digits or more: its last digits, or all of them with the country code), or words of the debtor’s name (each a whole word, or the first 3 to 8 letters of one; case and accents ignored; all must match).',
  })
  q!: string;

  @IsOptional()
  @IsId({ required: false, description: 'Only this creditor’s accounts.' })
  creditorId?: string;

  // Narrower than other lists: the answer opens each line's account.
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(50)
  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 50, example: 20 })
  declare limit?: number;
}
