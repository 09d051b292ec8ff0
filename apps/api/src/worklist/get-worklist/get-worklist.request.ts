import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { agingBuckets, type AgingBucket } from '@arrears/domain';
import { IsId } from '../../http/validators';
import { PageQueryParams } from '../../read-side/paging';

const delinquentBuckets = agingBuckets.filter((bucket) => bucket !== 'current');

export class WorklistParams extends PageQueryParams {
  @IsOptional()
  @IsId({ required: false, description: 'Only accounts this agent holds a claim on.' })
  agentId?: string;

  @IsOptional()
  @IsIn(delinquentBuckets, { message: `bucket must be one of ${delinquentBuckets.join(', ')}` })
  @ApiPropertyOptional({ enum: delinquentBuckets, description: 'Aging bucket of the account’s oldest open invoice.' })
  bucket?: AgingBucket;

  @IsOptional()
  @IsId({ required: false })
  creditorId?: string;
}
