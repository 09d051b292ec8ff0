import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';

/** One bad field of a malformed request. */
export class FieldErrorResponse {
  @ApiProperty({ example: 'debtor.timeZone', description: 'The field’s path in the request (body, query or path parameter, or header).' }) field!: string;
  @ApiProperty({ type: [String], example: ['timeZone must be an IANA time zone such as America/New_York'] }) messages!: string[];
}

/** One contact rule that refused an outbound contact. */
export class ContactRefusalResponse {
  @ApiProperty({ example: 'OUTSIDE_CONTACT_HOURS' }) code!: string;
  @ApiProperty() message!: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When this rule would allow the contact; null for never (until something changes).',
  })
  allowedFrom!: string | null;
}

/**
 * RFC 9457 problem details, as every error of the service is answered (`application/problem+json`).
 * `code` is stable and machine-readable; a problem may carry more fields that say more of it (the
 * optional ones below are those clients act on; others name the ids and values involved).
 */
@ApiSchema({
  description: 'RFC 9457 problem details: every error is answered so. `code` is stable: clients branch on it. Other fields name the ids and values involved.',
})
export class ProblemDetails {
  @ApiProperty({ example: 'urn:problem:arrears:validation-failed', description: '`urn:problem:arrears:` and the code in kebab case.' }) type!: string;
  @ApiProperty({ example: 'The request is malformed' }) title!: string;
  @ApiProperty({ type: 'integer', example: 400, description: 'The HTTP status, repeated.' }) status!: number;
  @ApiProperty({ example: '1 field is invalid: debtor.timeZone.' }) detail!: string;
  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'What went wrong, stably: clients branch on it.' }) code!: string;
  @ApiPropertyOptional({ example: '/accounts', description: 'The request’s path and query.' }) instance?: string;
  @ApiPropertyOptional({ type: [FieldErrorResponse], description: 'VALIDATION_FAILED: one entry per bad field, unknown fields included.' })
  errors?: FieldErrorResponse[];
  @ApiPropertyOptional({ type: [ContactRefusalResponse], description: 'A refused contact: every rule that refuses it, first the one `code` names.' })
  refusals?: ContactRefusalResponse[];
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'A refused contact: the next instant every rule allows it (null: none in sight).',
  })
  allowedFrom?: string | null;
  @ApiPropertyOptional({ type: 'integer', description: 'RATE_LIMITED: seconds until the caller may try again (also Retry-After).' }) retryAfterSeconds?: number;
  @ApiPropertyOptional({ type: 'integer', description: 'READ_MODEL_BEHIND: the position the read waited for.' }) minPosition?: number;
  @ApiPropertyOptional({ type: [String], description: 'READ_MODEL_BEHIND: the read models that had not reached it.' }) projections?: string[];
  @ApiPropertyOptional({ description: 'INVALID_HEADER: the header at fault.' }) header?: string;
  @ApiPropertyOptional({ description: 'ROLE_NOT_ALLOWED: the token’s role.' }) role?: string;
}
