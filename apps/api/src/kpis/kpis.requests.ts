import { IsOptional } from 'class-validator';
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
}
