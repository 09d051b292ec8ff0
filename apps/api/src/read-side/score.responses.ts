import { ApiProperty } from '@nestjs/swagger';
import { behaviourFeatureNames, riskSegments } from '@arrears/domain';

class FeatureContributionResponse {
  @ApiProperty({ enum: behaviourFeatureNames, example: 'promisesBroken' }) feature!: string;
  @ApiProperty({ example: 'Promises to pay broken', description: 'The feature in words.' }) label!: string;
  @ApiProperty({ description: 'The account’s value of the feature, as the model reads it (docs/risk.md).' }) value!: number;
  @ApiProperty({
    example: -0.42,
    description: 'Its part of the score in log-odds against the training portfolio’s average account: above 0 raises the propensity to pay, below lowers it.',
  })
  contribution!: number;
}

/** The behaviour score of an account, traced to its model and arm and explained feature by feature. */
export class ScoreExplanationResponse {
  @ApiProperty({ example: 'behaviour-2026-12-01', description: 'The model that scored the account.' }) modelVersion!: string;
  @ApiProperty({ enum: ['champion', 'challenger'], description: 'The scoring arm the account is in (SCORE_MODELS).' }) arm!: string;
  @ApiProperty({
    example: 0.62,
    description: 'Propensity to pay: the probability the account pays its model’s target share of what is overdue within its horizon.',
  })
  probability!: number;
  @ApiProperty({ enum: riskSegments, description: 'The risk segment of the probability (RISK_SEGMENTS).' }) segment!: string;
  @ApiProperty({ description: 'The probability of the training portfolio’s average account, which the contributions are measured from.' })
  baselineProbability!: number;
  @ApiProperty({
    type: [FeatureContributionResponse],
    description: 'Every feature’s contribution, largest (by size) first; they add up to the account’s log-odds less the baseline’s.',
  })
  contributions!: FeatureContributionResponse[];
}

class ExpectedRecoveryPartsResponse {
  @ApiProperty({ type: 'integer', description: 'Minor units past due now.' }) overdueAmount!: number;
  @ApiProperty({ description: 'The score’s probability.' }) propensity!: number;
  @ApiProperty({ description: 'Whether every contact rule allows a call now (1 when so, else 0, in the product).' }) contactableNow!: boolean;
}

export class ExpectedRecoveryResponse {
  @ApiProperty({ type: 'integer', description: 'overdueAmount × propensity × contactableNow, in minor units, rounded.' }) total!: number;
  @ApiProperty() parts!: ExpectedRecoveryPartsResponse;
}

/** The score and expected recovery properties of a read: null when no model scores the account (yet). */
export const scoreProperty = {
  type: ScoreExplanationResponse,
  nullable: true,
  description: 'The behaviour score as of the account’s last event (docs/risk.md); null when no score model is in use or the account was not scored since.',
} as const;
export const expectedRecoveryProperty = { type: ExpectedRecoveryResponse, nullable: true, description: 'Null when the account has no score.' } as const;
