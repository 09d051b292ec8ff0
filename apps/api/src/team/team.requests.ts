import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsOptional, Matches } from 'class-validator';
import { idPattern } from '@arrears/domain';
import { IsBusinessDate, IsId } from '../http/validators';
import { ReadQueryParams } from '../read-side/paging';

export class TeamParams extends ReadQueryParams {
  @IsId({ example: 'cred-1', description: 'The creditor whose team this is.' })
  creditorId!: string;

  @IsOptional()
  @IsBusinessDate({
    required: false,
    description: 'The business day of the contacts and promises, in the creditor’s reporting zone (`REPORTING_TIME_ZONES`); today there when absent.',
  })
  date?: string;
}

/** How many accounts one bulk reassignment takes: each is a command of its own, run in turn. */
export const maxReassigned = 100;

export class ReassignRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(maxReassigned)
  @ArrayUnique()
  @Matches(idPattern, { each: true, message: 'each of accountIds must be 1–64 letters, digits, dots, dashes or underscores' })
  @ApiProperty({ type: [String], minItems: 1, maxItems: maxReassigned, uniqueItems: true, example: ['acc-1', 'acc-2'] })
  accountIds!: string[];

  @IsId({ example: 'agent-7', description: 'The agent every account is assigned to.' })
  agentId!: string;
}
