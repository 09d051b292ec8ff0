import { IsOptional } from 'class-validator';
import { IsBusinessDate, IsId } from '../http/validators';
import { ReadQueryParams } from '../read-side/paging';

export class KpiParams extends ReadQueryParams {
  @IsOptional()
  @IsId({ required: false, description: 'One creditor’s figures; the whole portfolio when absent.' })
  creditorId?: string;

  @IsBusinessDate({ example: '2026-01-01', description: 'First day of the series (UTC days).' })
  from!: string;

  @IsBusinessDate({ example: '2026-12-31', description: 'Last day of the series, at most 3 years after `from`.' })
  to!: string;
}
