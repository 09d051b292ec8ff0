import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class DeciderResponse {
  @ApiProperty({ example: 'sup-1' }) id!: string;
  @ApiProperty({ example: 'supervisor' }) role!: string;
}

class ParkedEventDecisionResponse {
  @ApiProperty({ example: 'account:42' }) parkedEventId!: string;
  @ApiProperty({ enum: ['retried', 'skipped'] }) decision!: string;
  @ApiProperty({ enum: ['applied', 'failed', 'skipped'], description: '`failed`: it stays parked, with `error`.' }) outcome!: string;
  @ApiProperty() by!: DeciderResponse;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiPropertyOptional() error?: string;
}

/** An event a projection could not apply, parked at its position, with the decisions taken on it. */
export class ParkedEventResponse {
  @ApiProperty({ example: 'account:42', description: '`<projection>:<position>`: its id for /retry and /skip.' }) id!: string;
  @ApiProperty({ example: 'account' }) projection!: string;
  @ApiProperty({ type: 'integer', example: 42 }) position!: number;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'AccountOpened' }) eventType!: string;
  @ApiProperty({ example: 'account-acc-1' }) streamId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The creditor of the event, when it has one.' }) creditorId!: string | null;
  @ApiProperty({ description: 'Why it was parked, or why its last retry failed.' }) error!: string;
  @ApiPropertyOptional({ enum: ['parked', 'resolved'], description: 'Absent on old letters: parked.' }) status?: string;
  @ApiPropertyOptional({ enum: ['retried', 'skipped'] }) resolution?: string;
  @ApiPropertyOptional({ type: [ParkedEventDecisionResponse], description: 'Oldest first.' }) decisions?: ParkedEventDecisionResponse[];
}

export class ParkedEventsResponse {
  @ApiProperty({ type: [ParkedEventResponse] }) parkedEvents!: ParkedEventResponse[];
}
