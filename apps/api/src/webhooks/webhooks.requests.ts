import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
} from 'class-validator';
import { accountEventTypes, idPattern } from '@arrears/domain';
import { everything } from '@arrears/scheduler';
import { IsText } from '../http/validators';
import { PageParams } from '../read-side/paging';

const maxUrlLength = 2048;
const maxCreditors = 100;

/**
 * An absolute http(s) URL with a host and no credentials: a password in a URL ends up in logs and in
 * every list of subscriptions, so the receiver authenticates us by the signature instead.
 */
function isWebhookUrl(value: unknown): boolean {
  if (typeof value !== 'string' || /[\s\p{Cc}]/u.test(value) || !URL.canParse(value)) return false;
  const url = new URL(value);
  return ['http:', 'https:'].includes(url.protocol) && url.hostname !== '' && url.username === '' && url.password === '';
}

/** `['*']` (everything) or a list without it. */
const IsEverythingAlone = (what: string) =>
  ValidateBy({
    name: 'isEverythingAlone',
    validator: {
      validate: (value: unknown) => !Array.isArray(value) || !value.includes(everything) || value.length === 1,
      defaultMessage: () => `$property must be ["*"] for every ${what}, or a list of them without "*"`,
    },
  });

const position = (description: string, required: boolean) =>
  applyDecorators(
    IsInt({ message: '$property must be a whole number' }),
    Min(1),
    Max(Number.MAX_SAFE_INTEGER),
    (required ? ApiProperty : ApiPropertyOptional)({ type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER, example: 1, description }),
  );

export class CreateWebhookRequest {
  @IsString()
  @MaxLength(maxUrlLength)
  @ValidateBy({
    name: 'isWebhookUrl',
    validator: {
      validate: isWebhookUrl,
      defaultMessage: () => '$property must be an absolute http:// or https:// URL with a host and no user name or password',
    },
  })
  @ApiProperty({
    maxLength: maxUrlLength,
    example: 'https://erp.example.com/arrears-events',
    description: 'Where events are POSTed: https (http only to this machine unless WEBHOOK_ALLOW_HTTP).',
  })
  url!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(accountEventTypes.length)
  @ArrayUnique()
  @IsIn([...accountEventTypes, everything], { each: true, message: 'each of eventTypes must be an account event type (see the event catalogue) or "*"' })
  @IsEverythingAlone('event type')
  @ApiProperty({
    type: [String],
    minItems: 1,
    uniqueItems: true,
    example: ['PaymentReceived', 'PromiseToPayMade'],
    description: 'The event types sent, or ["*"] for all.',
  })
  eventTypes!: string[];

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(maxCreditors)
  @ArrayUnique()
  @Matches(new RegExp(`${idPattern.source}|^\\*$`), { each: true, message: 'each of creditorIds must be a creditor id or "*"' })
  @IsEverythingAlone('creditor')
  @ApiProperty({
    type: [String],
    minItems: 1,
    maxItems: maxCreditors,
    uniqueItems: true,
    example: ['cred-1'],
    description:
      'The creditors whose accounts’ events are sent, each one the token acts for; ["*"] (all, present and future) only for a token that acts for all.',
  })
  creditorIds!: string[];

  @IsOptional()
  @IsBoolean()
  @ApiPropertyOptional({
    default: false,
    description:
      'Send debtors’ personal fields (name, contact details, address, messages’ text): only a supervisor may ask, only to an https URL; erased debtors’ fields are blank.',
  })
  personalData?: boolean;

  @IsOptional()
  @IsText(200, 'What the subscription is for, for the people who manage it.', true)
  description?: string;

  @IsOptional()
  @position('Deliver from this log position on (1: the whole history); from the next event when absent.', false)
  fromPosition?: number;
}

export class ReplayWebhookRequest {
  @position('Deliver again every event of the subscription from this log position on, in order.', true)
  fromPosition!: number;
}

export class WebhookDeadLettersParams extends PageParams {}
