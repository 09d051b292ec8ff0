import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { maxClaimMinutes } from '@arrears/domain';
import { IsId } from '../../http/validators';

export class ClaimAccountRequest {
  @IsOptional()
  @IsId({ required: false, example: 'agent-7', description: 'The agent taking the account: the caller when absent; only a supervisor may name another agent.' })
  agentId?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(maxClaimMinutes)
  @ApiPropertyOptional({ example: 30, description: 'How long the claim lasts; CLAIM_MINUTES (30) when absent.' })
  minutes?: number;
}

export class ReleaseAccountClaimRequest {
  @IsOptional()
  @IsId({ required: false, example: 'agent-7', description: 'The agent holding the claim: the caller when absent; only a supervisor may name another agent.' })
  agentId?: string;
}
