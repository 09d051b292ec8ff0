import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, getSchemaPath, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { debtTypes, defaultDebtType, phonePattern, type DebtType } from '@arrears/domain';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { IsBusinessDate, IsEmailAddress, IsId, IsTimeZone } from '../http/validators';

export class PostalAddressRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  @ApiProperty({ example: ['12 St James’s Square'], description: 'Street lines, 1 to 4.' })
  lines!: string[];

  @IsString()
  @Length(1, 100)
  @ApiProperty({ example: 'London' })
  city!: string;

  @IsOptional()
  @IsString()
  @Length(1, 100)
  @ApiPropertyOptional({ example: 'Greater London' })
  region?: string;

  @IsOptional()
  @IsString()
  @Length(1, 20)
  @ApiPropertyOptional({ example: 'SW1Y 4JH' })
  postalCode?: string;

  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as GB' })
  @ApiProperty({ example: 'GB', description: 'ISO 3166-1 alpha-2.' })
  country!: string;
}

const nullableIf = (removable: boolean) => (removable ? { nullable: true } : {});

/**
 * The debtor's fields as both the opening and a change take them; in a change (`removable`) a field but
 * the time zone may be sent as null, to remove it.
 */
const debtorField = {
  name: (removable = false) =>
    applyDecorators(IsOptional(), IsString(), Length(1, 200), ApiPropertyOptional({ type: String, example: 'Ada Lovelace', ...nullableIf(removable) })),
  timeZone: (optional = false) =>
    applyDecorators(
      ...(optional ? [IsOptional()] : []),
      IsTimeZone(),
      (optional ? ApiPropertyOptional : ApiProperty)({ example: 'America/New_York', description: 'IANA zone: contact hours and "today" are the debtor’s.' }),
    ),
  otherTimeZones: (removable = false) =>
    applyDecorators(
      IsOptional(),
      IsArray(),
      ArrayMaxSize(5),
      IsTimeZone({ each: true }),
      ApiPropertyOptional({
        type: [String],
        ...nullableIf(removable),
        example: ['America/Los_Angeles'],
        description: 'Other zones the debtor may be in: contact hours must hold in each (12 CFR 1006.6(b)(1)(i)).',
      }),
    ),
  email: (removable = false) =>
    applyDecorators(IsOptional(), IsEmailAddress(), ApiPropertyOptional({ type: String, example: 'ada@example.com', ...nullableIf(removable) })),
  phone: (removable = false) =>
    applyDecorators(
      IsOptional(),
      Matches(phonePattern, { message: 'phone must be an E.164 number such as +15551234567' }),
      ApiPropertyOptional({ type: String, example: '+15551234567', ...nullableIf(removable) }),
    ),
  address: (removable = false) =>
    applyDecorators(
      IsOptional(),
      ValidateNested(),
      Type(() => PostalAddressRequest),
      ApiPropertyOptional(
        // OpenAPI 3.0 makes a reference nullable only wrapped, with a type of its own.
        removable
          ? ({ type: 'object', nullable: true, allOf: [{ $ref: getSchemaPath(PostalAddressRequest) }] } as ApiPropertyOptions)
          : { type: PostalAddressRequest },
      ),
    ),
  language: (removable = false) =>
    applyDecorators(
      IsOptional(),
      Matches(/^[a-z]{2}$/, { message: 'language must be a two-letter ISO 639-1 code such as en or es' }),
      ApiPropertyOptional({
        type: String,
        example: 'es',
        ...nullableIf(removable),
        description: 'The language messages are written in where a template exists in it; English otherwise.',
      }),
    ),
};

/** The personal fields (name, e-mail, phone, address) are stored encrypted under the debtor's data key. */
export class DebtorRequest {
  @IsString()
  @Length(1, 64)
  @ApiProperty({ example: 'D-100', description: 'The creditor’s own reference for the debtor.' })
  reference!: string;

  @debtorField.name()
  name?: string;

  @debtorField.timeZone()
  timeZone!: string;

  @debtorField.otherTimeZones()
  otherTimeZones?: string[];

  @debtorField.email()
  email?: string;

  @debtorField.phone()
  phone?: string;

  @debtorField.address()
  address?: PostalAddressRequest;

  @debtorField.language()
  language?: string;
}

/**
 * What changes of the debtor: any of the debtor's fields but the reference; a field sent as null is removed
 * (time zone excepted: a debtor always has one), one left out stays as it is. The personal ones are sealed.
 */
export class ChangeDebtorContactDetailsRequest {
  @debtorField.name(true)
  name?: string | null;

  @debtorField.timeZone(true)
  timeZone?: string;

  @debtorField.otherTimeZones(true)
  otherTimeZones?: string[] | null;

  @debtorField.email(true)
  email?: string | null;

  @debtorField.phone(true)
  phone?: string | null;

  @debtorField.address(true)
  address?: PostalAddressRequest | null;

  @debtorField.language(true)
  language?: string | null;
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

  @IsOptional()
  @IsBusinessDate({ required: false, description: 'The business date the account opened: today in the debtor’s zone when absent; never in the future.' })
  openedOn?: string;

  @IsOptional()
  @IsIn(debtTypes)
  @ApiPropertyOptional({
    enum: debtTypes,
    description: `What the statute of limitations calls the debt (12 CFR 1006.26): ${defaultDebtType} when absent.`,
  })
  debtType?: DebtType;
}

export class CloseAccountRequest {
  @IsOptional()
  @IsString()
  @Length(1, 500)
  @ApiPropertyOptional({ example: 'Paid in full' })
  reason?: string;
}

export class AssignAgentRequest {
  @IsId({ example: 'agent-7' })
  agentId!: string;
}
