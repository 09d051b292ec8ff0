import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsEmail, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { IsId, IsTimeZone } from '../../http/validators';

export class DebtorRequest {
  @IsString()
  @Length(1, 64)
  @ApiProperty({ example: 'D-100', description: 'The creditor’s own reference for the debtor.' })
  reference!: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  @ApiPropertyOptional({ example: 'Ada Lovelace' })
  name?: string;

  @IsTimeZone()
  @ApiProperty({ example: 'America/New_York', description: 'IANA zone: contact hours and "today" are the debtor’s.' })
  timeZone!: string;

  @IsOptional()
  @IsEmail()
  @ApiPropertyOptional({ example: 'ada@example.com' })
  email?: string;

  @IsOptional()
  @Matches(/^\+[1-9]\d{6,14}$/, { message: 'phone must be an E.164 number such as +15551234567' })
  @ApiPropertyOptional({ example: '+15551234567' })
  phone?: string;
}

export class OpenAccountRequest {
  @IsOptional()
  @IsId({ required: false, description: 'Generated when absent.', example: 'acc-1' })
  accountId?: string;

  @IsId({ example: 'cred-1' })
  creditorId!: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => DebtorRequest)
  @ApiProperty({ type: DebtorRequest })
  debtor!: DebtorRequest;
}
