import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class WebhookActorResponse {
  @ApiProperty() id!: string;
  @ApiProperty() role!: string;
}

class WebhookDisabledResponse {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: WebhookActorResponse }) by!: WebhookActorResponse;
}

/** A subscription as its managers see it: never its secret. */
export class WebhookResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ type: [String], description: 'The event types sent, or ["*"] for all.' }) eventTypes!: string[];
  @ApiProperty({ type: [String], description: 'The creditors whose accounts’ events are sent, or ["*"] for all.' }) creditorIds!: string[];
  @ApiProperty({ description: 'Whether debtors’ personal fields are sent (else they are withheld).' }) personalData!: boolean;
  @ApiPropertyOptional() description?: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: WebhookActorResponse }) createdBy!: WebhookActorResponse;
  @ApiProperty({ type: 'integer', description: 'The log position delivery started after.' }) startAfter!: number;
  @ApiPropertyOptional({ type: WebhookDisabledResponse, description: 'When and by whom it was disabled; absent while it delivers.' })
  disabled?: WebhookDisabledResponse;
}

export class CreatedWebhookResponse extends WebhookResponse {
  @ApiProperty({ example: 'whsec_…', description: 'The secret that signs every delivery (see docs/webhooks.md): shown this once, kept only sealed.' })
  secret!: string;
}

export class WebhookDeliveryResponse {
  @ApiProperty({ type: 'integer', description: 'Every event up to this log position is delivered or dead-lettered.' }) position!: number;
  @ApiProperty({ type: 'integer', description: 'The log’s last position.' }) headPosition!: number;
  @ApiProperty({ type: 'integer', description: 'Positions between the two.' }) behind!: number;
  @ApiProperty({ type: 'integer', description: 'Seconds since the oldest event not yet passed was recorded (0: none waits).' }) lagSeconds!: number;
  @ApiProperty({ type: 'integer', description: 'Deliveries the receiver took (a redelivery counts again).' }) delivered!: number;
  @ApiPropertyOptional({ format: 'date-time' }) lastDeliveredAt?: string;
  @ApiPropertyOptional({ description: 'The last failed try: the receiver’s status, a timeout or a connection failure.' }) lastError?: string;
  @ApiPropertyOptional({ format: 'date-time' }) lastErrorAt?: string;
  @ApiProperty({ type: 'integer', description: 'Tries of the event being retried now (0 when none is).' }) attempts!: number;
  @ApiProperty({ type: 'integer', description: 'Events in the dead-letter list.' }) deadLetters!: number;
}

export class WebhookDetailResponse extends WebhookResponse {
  @ApiProperty({ type: WebhookDeliveryResponse }) delivery!: WebhookDeliveryResponse;
}

export class WebhookListResponse {
  @ApiProperty({ type: [WebhookResponse] }) webhooks!: WebhookResponse[];
}

export class WebhookReplayResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: 'integer' }) fromPosition!: number;
}

export class WebhookDeadLetterResponse {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'PaymentReceived' }) type!: string;
  @ApiProperty() accountId!: string;
  @ApiProperty() creditorId!: string;
  @ApiProperty({ type: 'integer' }) position!: number;
  @ApiProperty({ type: 'integer' }) revision!: number;
  @ApiProperty({
    enum: ['failed', 'held', 'queued'],
    description: 'failed: given up on after its tries; held: not tried, behind an earlier dead letter of its account; queued: to be tried again.',
  })
  state!: string;
  @ApiProperty({ type: 'integer' }) attempts!: number;
  @ApiProperty({ type: String, nullable: true, description: 'Why the last try failed; null for a held event.' }) lastError!: string | null;
  @ApiProperty({ format: 'date-time' }) deadAt!: string;
}

export class WebhookDeadLettersPageResponse {
  @ApiProperty({ type: [WebhookDeadLetterResponse] }) deadLetters!: WebhookDeadLetterResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'The next page’s cursor; null at the end.' }) nextCursor!: string | null;
}

export class WebhookRetryResponse {
  @ApiProperty() accountId!: string;
  @ApiProperty({ type: 'integer', description: 'The account’s letters to be tried again, in log order.' }) requeued!: number;
}
