import { Injectable, type PipeTransform } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { ValidationProblem } from '@arrears/platform';

const statuses = ['parked', 'resolved', 'all'] as const;

export class ParkedEventsParams {
  @IsOptional()
  @IsIn(statuses, { message: `status must be one of ${statuses.join(', ')}` })
  @ApiPropertyOptional({ enum: statuses, default: 'parked', description: 'Parked (not yet resolved), resolved (retried or skipped), or all.' })
  status?: (typeof statuses)[number];

  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{0,47}$/, { message: 'projection must be a projection name, such as account' })
  @ApiPropertyOptional({ example: 'account' })
  projection?: string;
}

/** A parked event's id is its projection and position, `account:42`: a malformed one is a 400, never a lookup. */
@Injectable()
export class ParseParkedEventIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^[a-z][a-z0-9_]{0,47}:\d{1,19}$/.test(value)) {
      throw new ValidationProblem([{ field: 'parkedEventId', messages: ['parkedEventId must be <projection>:<position>, as listed'] }]);
    }
    return value;
  }
}
