import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { agingBuckets, maxClaimMinutes, type AgingBucket } from '@arrears/domain';
import { worklistOrders, type WorklistOrder } from '@arrears/platform';
import { IsCurrency, IsId } from '../http/validators';
import { PageQueryParams } from '../read-side/paging';

const delinquentBuckets = agingBuckets.filter((bucket) => bucket !== 'current');

export class ClaimAccountRequest {
  @IsOptional()
  @IsId({ required: false, example: 'agent-7', description: 'The agent taking the account: the caller when absent; only a supervisor may name another agent.' })
  agentId?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(maxClaimMinutes)
  @ApiPropertyOptional({ type: 'integer', example: 30, description: 'How long the claim lasts; CLAIM_MINUTES (30) when absent.' })
  minutes?: number;
}

export class ReleaseAccountClaimRequest {
  @IsOptional()
  @IsId({ required: false, example: 'agent-7', description: 'The agent holding the claim: the caller when absent; only a supervisor may name another agent.' })
  agentId?: string;
}

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

  // Both orders weigh amounts in minor units, which two currencies do not value alike: worked one currency at a time.
  @IsOptional()
  @IsCurrency({ required: false, description: 'Only lines owed in this currency (ISO 4217): amounts in two currencies are not weighed against each other.' })
  currency?: string;

  @IsOptional()
  @IsIn(['pending'], { message: 'creditApproval must be pending' })
  @ApiPropertyOptional({
    enum: ['pending'],
    description: 'Only accounts with invoices accepted past the credit limit and waiting for a supervisor’s decision (`pendingCreditApprovals`).',
  })
  creditApproval?: 'pending';

  @IsOptional()
  @IsIn(worklistOrders, { message: `order must be one of ${worklistOrders.join(', ')}` })
  @ApiPropertyOptional({
    enum: worklistOrders,
    description: 'The order: WORKLIST_ORDER when absent. `expected-recovery` needs a score model; without one the heuristic answers, saying so in `order`.',
  })
  order?: WorklistOrder;
}
