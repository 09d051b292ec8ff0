import { Injectable, type PipeTransform } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ValidationProblem } from '@arrears/platform';
import { IsId } from '../http/validators';

const channels = ['email', 'sms', 'letter'] as const;

export class DeadLettersParams {
  @IsOptional()
  @IsId({ required: false, description: 'Only this creditor’s dead letters (within the caller’s creditors).' })
  creditorId?: string;

  @IsOptional()
  @IsIn(channels, { message: `channel must be one of ${channels.join(', ')}` })
  @ApiPropertyOptional({ enum: channels })
  channel?: (typeof channels)[number];

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(100)
  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 100, example: 20 })
  limit?: number;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,512}$/, { message: 'cursor must be a nextCursor returned by the previous page' })
  @ApiPropertyOptional({ type: String, description: 'The previous page’s nextCursor.' })
  cursor?: string;
}

/** A notification id (`acc-1:inv-1:reminder`): a malformed one is a 400, never a lookup. */
@Injectable()
export class ParseNotificationIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^[A-Za-z0-9._:-]{1,200}$/.test(value)) {
      throw new ValidationProblem([{ field: 'notificationId', messages: ['notificationId must be a notification id, as listed'] }]);
    }
    return value;
  }
}
