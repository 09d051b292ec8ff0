/**
 * Risk segments read from an account's propensity to pay: high risk below `highRiskBelow`, low risk
 * from `lowRiskFrom` on, medium between (each band holds its lower bound). Configured by RISK_SEGMENTS.
 */
export const riskSegments = ['low', 'medium', 'high'] as const;
export type RiskSegment = (typeof riskSegments)[number];

export interface RiskSegmentBands {
  highRiskBelow: number;
  lowRiskFrom: number;
}

export const defaultRiskSegmentBands: RiskSegmentBands = { highRiskBelow: 0.3, lowRiskFrom: 0.6 };

export const riskSegmentOf = (probability: number, bands: RiskSegmentBands): RiskSegment =>
  probability < bands.highRiskBelow ? 'high' : probability >= bands.lowRiskFrom ? 'low' : 'medium';

/** A configuration's problems: bounds are probabilities, the high-risk band below the low-risk one. */
export function riskSegmentBandProblems(bands: RiskSegmentBands): string[] {
  const { highRiskBelow, lowRiskFrom } = bands;
  const probability = (value: unknown) => typeof value === 'number' && value >= 0 && value <= 1;
  if (!probability(highRiskBelow) || !probability(lowRiskFrom)) return ['highRiskBelow and lowRiskFrom must be probabilities from 0 to 1'];
  return highRiskBelow <= lowRiskFrom ? [] : ['highRiskBelow must not be above lowRiskFrom'];
}
