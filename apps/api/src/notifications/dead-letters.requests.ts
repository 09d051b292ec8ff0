import { Injectable, type PipeTransform } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ValidationProblem } from '@arrears/platform';
import { IsId } from '../http/validators';
import { PageParams } from '../read-side/paging';

const channels = ['email', 'sms', 'letter'] as const;

export class DeadLettersParams extends PageParams {
  @IsOptional()
  @IsId({ required: false, description: 'Only this creditor’s dead letters (within the caller’s creditors).' })
  creditorId?: string;

  @IsOptional()
  @IsIn(channels, { message: `channel must be one of ${channels.join(', ')}` })
  @ApiPropertyOptional({ enum: channels })
  channel?: (typeof channels)[number];
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
