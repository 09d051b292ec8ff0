import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsBusinessDate, IsId } from '../http/validators';
import { ReadQueryParams } from '../read-side/paging';

export class KpiParams extends ReadQueryParams {
  @IsOptional()
  @IsId({ required: false, description: 'One creditor’s figures; the whole portfolio when absent.' })
  creditorId?: string;

  @IsBusinessDate({
    example: '2026-01-01',
    description: 'First business day of the series, in the creditor’s reporting zone (`REPORTING_TIME_ZONES`, UTC by default).',
  })
  from!: string;

  @IsBusinessDate({ example: '2026-12-31', description: 'Last business day of the series, at most 3 years after `from`.' })
  to!: string;

  // A download link cannot set Accept: the format may be named in the URL instead.
  @IsOptional()
  @IsIn(['json', 'csv'], { message: 'format must be json or csv' })
  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'The answer’s format, whatever Accept says: `csv` is one row per day and currency.' })
  format?: 'json' | 'csv';
}
