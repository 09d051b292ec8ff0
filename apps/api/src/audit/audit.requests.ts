import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, isISO8601, ValidateBy, ValidateIf, type ValidationArguments } from 'class-validator';
import { PageQueryParams } from '../read-side/paging';
import { IsBusinessDate } from '../http/validators';

const eitherOrBoth = 'give asOf (an instant: what had been recorded by then), asAt (a business date: the account as of that day), or both';

/** One message per field: the pair is missing, or this one is malformed. */
const missingOr = (malformed: string) => (args: ValidationArguments) => (args.value === undefined ? eitherOrBoth : malformed);

/** Checked when given, and when the other is not: an audit asks by record time, by business date, or by both. */
const GivenOrWithout = (other: keyof AccountStateParams) =>
  ValidateIf((params: AccountStateParams, value: unknown) => value !== undefined || params[other] === undefined);

/** An ISO 8601 instant with a time and an offset that JavaScript reads (ISO also allows week and ordinal dates, which it does not). */
const isInstant = (value: unknown): boolean =>
  typeof value === 'string' && isISO8601(value, { strict: true }) && /T.*(Z|[+-]\d{2}:?\d{2})$/.test(value) && !Number.isNaN(Date.parse(value));

const IsInstant = (message: (args: ValidationArguments) => string) => ValidateBy({ name: 'isInstant', validator: { validate: isInstant } }, { message });

export class AccountStateParams {
  @GivenOrWithout('asAt')
  @IsInstant(missingOr('asOf must be an ISO 8601 instant with a time and an offset (Z or ±hh:mm), such as 2026-03-01T12:00:00Z'))
  @ApiPropertyOptional({
    example: '2026-03-01T12:00:00Z',
    description: 'Record time: events recorded after this instant are left out (what had been recorded by then). At least one of asOf and asAt.',
  })
  asOf?: string;

  @GivenOrWithout('asOf')
  @IsBusinessDate(
    {
      required: false,
      example: '2026-02-28',
      description:
        'Business time: the account as of the end of this date in the creditor’s reporting zone, with everything recorded since (or by asOf, when both are given): events whose business day is later are left out.',
    },
    { message: missingOr('asAt must be a real calendar date written YYYY-MM-DD') },
  )
  asAt?: string;
}

const orders = ['asc', 'desc'] as const;

/** A page of the audit trail, oldest first (an audit's reading order) or newest first (an agent's timeline). */
export class HistoryParams extends PageQueryParams {
  @IsOptional()
  @IsIn(orders, { message: `order must be one of ${orders.join(', ')}` })
  @ApiPropertyOptional({
    enum: orders,
    default: 'asc',
    description: 'By revision: asc (oldest first) or desc (newest first). A cursor pages on in the order it was made in.',
  })
  order?: (typeof orders)[number];
}
