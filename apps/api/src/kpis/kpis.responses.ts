import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { agingBuckets } from '@arrears/domain';

/** Amounts are integers in minor units; rates and day counts are rounded to hundredths, null when their denominator is 0. */
const amount = (description?: string) => ({ type: 'integer', ...(description && { description }) }) as const;
const count = amount;
const rate = (description: string) => ({ type: Number, nullable: true, description }) as const;

const agingSchema = {
  type: 'object',
  description: 'Receivables by aging bucket (minor units).',
  required: [...agingBuckets],
  // `required` above lists the buckets; `selfRequired` is what marks the property itself required.
  selfRequired: true,
  properties: Object.fromEntries(agingBuckets.map((bucket) => [bucket, { type: 'integer' }])),
} satisfies ApiPropertyOptions;

class DsoResponse {
  @ApiProperty(rate('Count-back DSO by calendar months.')) countBack!: number | null;
  @ApiProperty(rate('Count-back DSO by 30-day months.')) countBack30!: number | null;
  @ApiProperty(rate('Receivables × 30 ÷ the last 30 days’ credit sales.')) simple!: number | null;
}

/** One business day’s figures. */
class KpiDayResponse {
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty(amount('Owed at the end of the day.')) receivables!: number;
  @ApiProperty(agingSchema) aging!: Record<string, number>;
  @ApiProperty(amount()) creditSales!: number;
  @ApiProperty(amount()) lateFees!: number;
  @ApiProperty(amount()) collected!: number;
  @ApiProperty() dso!: DsoResponse;
  @ApiProperty(rate('Best Possible DSO.')) bestPossibleDso!: number | null;
  @ApiProperty(rate('Average Days Delinquent: DSO − Best Possible DSO.')) averageDaysDelinquent!: number | null;
  @ApiProperty(rate('Collection Effectiveness Index, %.')) cei!: number | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number', nullable: true },
    description: 'Roll rates over the last 30 days, %, by `bucket→next bucket`.',
    example: { 'current→1-30': 12.5 },
  })
  rollRates!: Record<string, number | null>;
  @ApiProperty(count()) delinquentAccounts!: number;
  @ApiProperty(rate('Delinquent accounts of yesterday cured today, %.')) cureRate!: number | null;
  @ApiProperty(rate('Plans completed ÷ plans agreed so far, %.')) planCompletionRate!: number | null;
}

class CeiMonthlyAverageResponse {
  @ApiProperty(count('Calendar months the period touches.')) months!: number;
  @ApiProperty(rate('CEI with the credit sales averaged per month, %.')) cei!: number | null;
}

class DelinquencyOutcomesResponse {
  @ApiProperty(count()) curedByPayment!: number;
  @ApiProperty(count()) curedByArrangement!: number;
  @ApiProperty(count()) settled!: number;
  @ApiProperty(count()) writtenOff!: number;
  @ApiProperty(count()) disputeUpheld!: number;
}

class PromiseKpisResponse {
  @ApiProperty(count()) kept!: number;
  @ApiProperty(count()) broken!: number;
  @ApiProperty(rate('%.')) keptRate!: number | null;
}

class ContactKpisResponse {
  @ApiProperty(count()) outbound!: number;
  @ApiProperty(count()) callAttempts!: number;
  @ApiProperty(count()) rightParty!: number;
  @ApiProperty(rate('%.')) rightPartyContactRate!: number | null;
}

class SettlementKpisResponse {
  @ApiProperty(count()) agreed!: number;
  @ApiProperty(count()) completed!: number;
}

const agencyFlow: SchemaObject = {
  type: 'object',
  required: ['placed', 'collected', 'liquidationRate'],
  properties: { placed: { type: 'integer' }, collected: { type: 'integer' }, liquidationRate: { type: 'number', nullable: true } },
};

class AgencyKpisResponse {
  @ApiProperty(amount('Balance placed with agencies.')) placed!: number;
  @ApiProperty(amount('Collected by agencies.')) collected!: number;
  @ApiProperty(rate('%.')) liquidationRate!: number | null;
  @ApiProperty({ type: 'object', additionalProperties: agencyFlow, description: 'By agency id.' }) byAgency!: Record<string, unknown>;
}

class WorkflowKpisResponse {
  @ApiProperty() promises!: PromiseKpisResponse;
  @ApiProperty() contacts!: ContactKpisResponse;
  @ApiProperty() settlements!: SettlementKpisResponse;
  @ApiProperty(amount()) writtenOff!: number;
  @ApiProperty() agency!: AgencyKpisResponse;
  @ApiProperty({
    type: 'object',
    required: ['champion', 'challenger'],
    selfRequired: true,
    properties: { champion: { type: 'integer' }, challenger: { type: 'integer' } },
    description: 'Collected on invoices by the strategy arm their timeline follows.',
  })
  collectedByStrategy!: { champion: number; challenger: number };
  @ApiProperty({
    type: 'object',
    required: ['low', 'medium', 'high'],
    selfRequired: true,
    properties: { low: { type: 'integer' }, medium: { type: 'integer' }, high: { type: 'integer' } },
    description: 'Collected from accounts by the risk segment of their behaviour score before the payment (RISK_SEGMENTS); unscored accounts in none.',
  })
  collectedBySegment!: { low: number; medium: number; high: number };
  @ApiProperty({
    type: 'object',
    required: ['champion', 'challenger'],
    selfRequired: true,
    properties: { champion: { type: 'integer' }, challenger: { type: 'integer' } },
    description: 'Collected from accounts by the scoring arm (SCORE_MODELS) whose model scored them before the payment.',
  })
  collectedByScoringArm!: { champion: number; challenger: number };
}

/** The period’s own figures. */
class KpiPeriodResponse {
  @ApiProperty(amount()) creditSales!: number;
  @ApiProperty(amount()) lateFees!: number;
  @ApiProperty(amount()) collected!: number;
  @ApiProperty(rate('CEI over the period, %.')) cei!: number | null;
  @ApiProperty() ceiMonthlyAverage!: CeiMonthlyAverageResponse;
  @ApiProperty(count()) cures!: number;
  @ApiProperty(rate('%.')) cureRate!: number | null;
  @ApiProperty() delinquencyOutcomes!: DelinquencyOutcomesResponse;
  @ApiProperty() workflow!: WorkflowKpisResponse;
}

export class KpiCurrencyResponse {
  @ApiProperty({ type: [KpiDayResponse] }) series!: KpiDayResponse[];
  @ApiProperty() period!: KpiPeriodResponse;
}

export class KpisResponse {
  @ApiProperty({ example: 'cred-1', description: 'The creditor, or `portfolio`.' }) scope!: string;
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/KpiCurrencyResponse' },
    description: 'One report per currency (ISO 4217 code).',
  })
  currencies!: Record<string, KpiCurrencyResponse>;
}
