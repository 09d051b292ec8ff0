import { ApiProperty } from '@nestjs/swagger';
import { agingBuckets, contactChannels, contactOutcomes } from '@arrears/domain';

/** Which `agingBucket` an amount is in, by days past due. */
export const agingBucketProperty = { enum: agingBuckets, example: '31-60' } as const;

/** The agent working an account, until an instant. */
export class ClaimResponse {
  @ApiProperty({ example: 'agent-7' }) agentId!: string;
  @ApiProperty({ format: 'date-time', description: 'The claim lapses by itself then.' }) until!: string;
}

export class LastContactResponse {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ enum: contactChannels }) channel!: string;
  @ApiProperty({ enum: contactOutcomes }) outcome!: string;
}

/** Where the account stands with the contact rules now, for a call ("may I call now?"). */
export class CallStatusResponse {
  @ApiProperty({ type: 'integer', description: 'Call attempts that count in the current 7-day window.' }) callsInWindow!: number;
  @ApiProperty({ type: 'integer', description: 'The most the creditor’s policy allows in 7 days.' }) maxCallsInWindow!: number;
  @ApiProperty({ description: 'Whether every contact rule allows a call now.' }) contactableNow!: boolean;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'The next instant every rule allows a call (now when contactable); null when only an event (a dispute resolved…) can lift the refusal.',
  })
  nextCallAllowedAt!: string | null;
  @ApiProperty({ type: LastContactResponse, nullable: true }) lastContact!: LastContactResponse | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The last day of the debtor’s consent to more calls, while it covers now.' })
  callConsentThrough!: string | null;
}
