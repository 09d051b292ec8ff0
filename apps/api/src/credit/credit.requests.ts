import { ApiProperty } from '@nestjs/swagger';
import { maxReasonCodes, overLimitPolicies, reasonCodePattern, type CreditApprovalDecision, type OverLimitPolicy } from '@arrears/domain';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { IsBusinessDate, IsCurrency, IsDayCount, IsMinorUnits, IsText } from '../http/validators';

export class SetCreditLimitRequest {
  @IsMinorUnits({ description: 'The most the account may owe (minor units): open invoices’ balances, late fees in.', example: 500_000 })
  amount!: number;

  @IsCurrency()
  currency!: string;

  @IsIn(overLimitPolicies)
  @ApiProperty({
    enum: overLimitPolicies,
    description:
      'An invoice that would take the account past the limit: `refuse` it (422), accept it with a warning, or accept it flagged for a supervisor’s approval.',
  })
  overLimit!: OverLimitPolicy;

  @IsOptional()
  @IsDayCount(3650, { required: false, example: 30, description: 'The longest terms allowed: days from an invoice’s issue to its due date. Absent: any.' })
  maxTermDays?: number;
}

export class SetDebtorCreditLimitRequest {
  @IsMinorUnits({
    description: 'The most the debtor may owe on all their accounts with the creditor together (minor units): each account’s exposure, summed.',
    example: 1_000_000,
  })
  amount!: number;

  @IsCurrency()
  currency!: string;

  @IsIn(overLimitPolicies)
  @ApiProperty({
    enum: overLimitPolicies,
    description:
      'An invoice that would take the debtor past the limit: `refuse` it (422 DEBTOR_CREDIT_LIMIT_EXCEEDED), accept it with a warning, or accept it flagged for a supervisor’s approval.',
  })
  overLimit!: OverLimitPolicy;
}

export class DecideCreditApprovalRequest {
  @IsIn(['approved', 'declined'])
  @ApiProperty({ enum: ['approved', 'declined'], description: 'The supervisor’s answer; the flag is lifted either way (the invoice stays issued).' })
  decision!: CreditApprovalDecision;

  @IsOptional()
  @IsText(500, 'Why.', true)
  note?: string;
}

/** Scores and scales are whole numbers, as the bureaus' are (FICO 300–850, VantageScore 300–850, 0–999 elsewhere). */
const IsScore = (description: string, example: number) =>
  function (target: object, property: string) {
    IsInt({ message: `${property} must be a whole number` })(target, property);
    Min(-Number.MAX_SAFE_INTEGER)(target, property);
    Max(Number.MAX_SAFE_INTEGER)(target, property);
    ApiProperty({ type: 'integer', minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER, description, example })(target, property);
  };

export class RecordCreditReportRequest {
  @IsText(64, 'The bureau that made the report (e.g. Experian).')
  bureau!: string;

  @IsScore('The debtor’s score, on the scale (from scaleMin to scaleMax).', 640)
  score!: number;

  @IsScore('The worst score of the bureau’s scale.', 300)
  scaleMin!: number;

  @IsScore('The best score of the bureau’s scale (above scaleMin).', 850)
  scaleMax!: number;

  @IsBusinessDate({ example: '2026-02-20', description: 'The date of the report; not after the debtor’s today.' })
  reportedOn!: string;

  @IsArray()
  @ArrayMaxSize(maxReasonCodes)
  @Matches(reasonCodePattern, { each: true, message: 'each of $property must be 1–16 letters, digits, dots, dashes or underscores' })
  @ApiProperty({
    type: [String],
    maxItems: maxReasonCodes,
    items: { type: 'string', pattern: reasonCodePattern.source },
    example: ['D1', '14'],
    description: 'The bureau’s reason codes for the score, as it wrote them.',
  })
  reasonCodes!: string[];
}
