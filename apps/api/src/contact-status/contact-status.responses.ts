import { ApiProperty } from '@nestjs/swagger';

export class ContactRefusalLine {
  @ApiProperty({ example: 'OUTSIDE_CONTACT_HOURS', description: 'The rule’s code, as a refused contact command answers it (422).' }) code!: string;
  @ApiProperty({ example: 'It is outside 08:00–21:00 in America/New_York (1006.6(b)(1)(i)).' }) message!: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When this rule alone would allow the contact; null when only an event lifts it.',
  })
  allowedFrom!: string | null;
}

export class NextAllowedLocal {
  @ApiProperty({ example: 'America/New_York', description: 'The debtor’s time zone.' }) timeZone!: string;
  @ApiProperty({ format: 'date', example: '2026-03-02' }) date!: string;
  @ApiProperty({ example: '08:00', description: 'Wall-clock time (HH:MM) in that zone.' }) time!: string;
}

export class ContactStatus {
  @ApiProperty({ example: 'acc-1' }) accountId!: string;
  @ApiProperty({ enum: ['call', 'sms', 'email', 'letter', 'visit'] }) channel!: string;
  @ApiProperty({ format: 'date-time', description: 'The instant asked about: now.' }) asOf!: string;
  @ApiProperty({ description: 'Whether the contact rules allow the contact now.' }) allowedNow!: boolean;
  @ApiProperty({ type: [ContactRefusalLine], description: 'Every rule refusing it now, the most lasting first (empty when allowed).' })
  refusals!: ContactRefusalLine[];
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'The first instant every rule allows it; null when only an event can (a dispute’s resolution, say).',
  })
  nextAllowedAt!: string | null;
  @ApiProperty({ type: NextAllowedLocal, nullable: true, description: 'The same instant on the debtor’s clock.' })
  nextAllowedLocal!: NextAllowedLocal | null;
}
