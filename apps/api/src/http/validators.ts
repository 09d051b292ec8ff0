import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { idPattern, isEmailAddress, isFourDecimalPercent, isIsoDate, isTimeZone } from '@arrears/domain';
import { IsInt, IsISO4217CurrencyCode, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateBy, type ValidationOptions } from 'class-validator';

const described = (options: ApiPropertyOptions) => ApiProperty(options);

export const IsId = (options: ApiPropertyOptions = {}) =>
  applyDecorators(
    IsString(),
    Matches(idPattern, { message: '$property must be 1–64 letters, digits, dots, dashes or underscores' }),
    described({ type: String, pattern: idPattern.source, ...options }),
  );

/** An integer amount of minor units (cents): never a float. */
export const IsMinorUnits = (options: ApiPropertyOptions = {}) =>
  applyDecorators(
    IsInt({ message: '$property must be an integer number of minor units (e.g. cents)' }),
    Min(1),
    Max(Number.MAX_SAFE_INTEGER),
    described({ type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER, example: 12500, ...options }),
  );

export const IsCurrency = (options: ApiPropertyOptions = {}) =>
  applyDecorators(
    Matches(/^[A-Z]{3}$/, { message: '$property must be an ISO 4217 code in capitals, such as USD' }),
    IsISO4217CurrencyCode(),
    described({ type: String, example: 'USD', description: 'ISO 4217 code', ...options }),
  );

/** A string the domain's own check takes: the edge refuses what the decider would, field by field. */
const domainText = (name: string, check: (value: string) => boolean, message: string) => (validationOptions?: ValidationOptions) =>
  ValidateBy(
    { name, validator: { validate: (value: unknown) => typeof value === 'string' && check(value), defaultMessage: () => message } },
    validationOptions,
  );

const isBusinessDate = domainText('isBusinessDate', isIsoDate, '$property must be a real calendar date written YYYY-MM-DD');

export const IsBusinessDate = (options: ApiPropertyOptions = {}, validationOptions?: ValidationOptions) =>
  applyDecorators(isBusinessDate(validationOptions), described({ type: String, format: 'date', example: '2026-01-31', ...options }));

export const IsTimeZone = domainText('isTimeZone', isTimeZone, '$property must be an IANA time zone such as America/New_York');

/** One e-mail address, as the domain takes it (isEmailAddress): never a list. */
export const IsEmailAddress = domainText('isEmailAddress', isEmailAddress, '$property must be one e-mail address such as ada@example.com');

/**
 * A percentage with at most four decimals, from `min` to `max`. Checked by rounding to four places
 * rather than by class-validator's decimal count, which throws on numbers JSON writes in exponent
 * form (6e-323).
 */
export const IsPercent = (min: number, max: number, options: ApiPropertyOptions = {}) =>
  applyDecorators(
    ValidateBy({
      name: 'isPercent',
      validator: {
        validate: (value: unknown) => typeof value === 'number' && value >= min && value <= max && isFourDecimalPercent(value),
        defaultMessage: () => `$property must be a number from ${min} to ${max} with at most four decimals`,
      },
    }),
    described({ type: Number, minimum: min, maximum: max, ...options }),
  );

/** A count of days from 0 to `max`: validated and documented with the same bounds. */
export const IsDayCount = (max: number, options: ApiPropertyOptions = {}) =>
  applyDecorators(IsInt(), Min(0), Max(max), described({ type: 'integer', minimum: 0, maximum: max, ...options }));

/** Free text of 1 to `max` characters. */
export const IsText = (max: number, description: string, optional = false) =>
  applyDecorators(IsString(), MinLength(1), MaxLength(max), (optional ? ApiPropertyOptional : ApiProperty)({ type: String, maxLength: max, description }));
