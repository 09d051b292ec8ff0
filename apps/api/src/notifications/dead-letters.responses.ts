import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class RequeueResponse {
  @ApiProperty({ type: 'object', required: ['id', 'role'], properties: { id: { type: 'string' }, role: { type: 'string' } } }) by!: {
    id: string;
    role: string;
  };
  @ApiProperty({ format: 'date-time' }) at!: string;
}

/** A notification that failed: which, whose, how often, and why the last time. No address, ever. */
class FailedDeliveryResponse {
  @ApiProperty({ description: 'The notification’s id.' }) id!: string;
  @ApiProperty({ example: 'acc-1' }) accountId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Null when the account was unknown.' }) creditorId!: string | null;
  @ApiProperty({ enum: ['email', 'sms', 'letter'] }) channel!: string;
  @ApiProperty({ example: 'payment-reminder' }) template!: string;
  @ApiProperty({ type: 'integer', description: 'The outbox position of the notification.' }) position!: number;
  @ApiProperty({ type: 'integer', description: 'Tries made so far (a requeue starts again from 0).' }) attempts!: number;
  @ApiProperty({ description: 'The last failure, any address the provider quoted taken out.' }) lastError!: string;
  @ApiProperty({ format: 'date-time' }) firstFailedAt!: string;
  @ApiPropertyOptional({ type: [RequeueResponse], description: 'Each time a supervisor sent it back from the dead letters.' }) requeues?: RequeueResponse[];
}

export class DeadLetterResponse extends FailedDeliveryResponse {
  @ApiProperty({ format: 'date-time' }) deadAt!: string;
  @ApiProperty({ description: 'True when trying again could not help (no address, a provider refusing the message itself).' }) permanent!: boolean;
}

/** A notification waiting for its next try. */
export class PendingRetryResponse extends FailedDeliveryResponse {
  @ApiProperty({ format: 'date-time' }) nextAttemptAt!: string;
}

export class DeadLettersPageResponse {
  @ApiProperty({ type: [DeadLetterResponse] }) deadLetters!: DeadLetterResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'The next page’s cursor; null at the end.' }) nextCursor!: string | null;
}
