import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { IsoDate } from '@arrears/domain';
import type { EventMetadata } from '@arrears/event-store';
import type { AccountView, AuditEntry } from '@arrears/projections';
import { AccountStateResponse } from '../accounts/account.responses';

export class AccountEventResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'InvoiceIssued' }) type!: string;
  @ApiProperty({ type: 'integer', example: 1, description: 'Position in the account stream, from 0.' }) revision!: number;
  @ApiProperty({ type: 'integer', example: 42, description: 'Position in the whole log.' }) position!: number;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'correlationId, causationId, actor, occurredAt, occurredOn (the business date, where the fact gives one), recordedAt, schemaVersion, creditorId',
  })
  metadata!: EventMetadata;
}

export class AccountEventsResponse {
  @ApiProperty({ example: 'acc-1' }) accountId!: string;
  @ApiProperty({ type: 'integer', example: 3, description: 'The current revision.' }) revision!: number;
  @ApiProperty({ type: [AccountEventResponse] }) events!: AccountEventResponse[];
}

class ActorResponse {
  @ApiProperty({ example: 'agent-7' }) id!: string;
  @ApiProperty({ example: 'agent' }) role!: string;
}

/** One recorded fact of an account, as an auditor reads it: both its times, who did it, and why (correlation, causation). */
export class AuditEntryResponse {
  @ApiProperty({ example: 'acc-1' }) accountId!: string;
  @ApiProperty({ example: 'cred-1' }) creditorId!: string;
  @ApiProperty({ type: 'integer', description: 'Position in the account stream, from 0.' }) revision!: number;
  @ApiProperty({ type: 'integer', description: 'Position in the whole log.' }) position!: number;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'InvoiceIssued' }) type!: string;
  @ApiProperty({ format: 'date-time', description: 'When it happened.' }) occurredAt!: string;
  @ApiProperty({ format: 'date', description: 'Its business day in the creditor’s reporting zone.' }) occurredOn!: string;
  @ApiProperty({ format: 'date-time', description: 'When the system recorded it.' }) recordedAt!: string;
  @ApiProperty() actor!: ActorResponse;
  @ApiProperty() correlationId!: string;
  @ApiProperty() causationId!: string;
  @ApiProperty({ example: 'Invoice inv-1 issued: 125.00 USD due 2026-01-31.' }) summary!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The event’s data, without a rendered message’s text.' }) data!: Record<
    string,
    unknown
  >;
}

export class AccountHistory {
  @ApiProperty({ example: 'acc-1' }) accountId!: string;
  @ApiProperty({ type: [AuditEntryResponse] }) items!: Omit<AuditEntry, 'id'>[];
  @ApiProperty({ type: String, nullable: true, description: 'The next page’s cursor; null at the end.' }) nextCursor!: string | null;
}

/**
 * The account as an audit asked for it: `asOf` and `asAt` echo the cut (either or both), and
 * `revision` is the last revision known at `asOf` (the head without it).
 */
export type AccountStateAsOf = Omit<AccountView, 'asOf'> & { asOf?: string; asAt?: IsoDate; revision: number };

export class AccountStateAsOfResponse extends AccountStateResponse {
  @ApiPropertyOptional({ format: 'date-time', description: 'The record-time cut: events recorded later are left out.' }) asOf?: string;
  @ApiPropertyOptional({ format: 'date', description: 'The business-time cut: facts that happened after this day are left out.' }) asAt?: string;
  @ApiProperty({ type: 'integer', description: 'The last revision known at `asOf` (the head without it).' }) revision!: number;
}

export class HistoryVerification {
  @ApiProperty({ example: 'acc-1' }) accountId!: string;
  @ApiProperty({ enum: ['intact', 'broken'] }) status!: 'intact' | 'broken';
  @ApiProperty({ type: 'integer', example: 12, description: 'Events in the stream.' }) events!: number;
  @ApiPropertyOptional({ description: 'The hash of the last event, when intact: keep it to notice a later truncation.' }) lastHash?: string;
  @ApiPropertyOptional({
    type: 'integer',
    example: 0,
    description: 'Leading events chained with plain SHA-256, before the chain was keyed: only a checkpoint vouches for them.',
  })
  unkeyedEvents?: number;
  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'The latest revision a signed checkpoint saw, when intact.' }) anchoredRevision?:
    number | null;
  @ApiPropertyOptional({
    type: 'integer',
    example: 4,
    description: 'The first revision whose hash or link does not hold (for TRUNCATED: the first one missing).',
  })
  firstBrokenRevision?: number;
  @ApiPropertyOptional({
    enum: [
      'HASH_MISMATCH',
      'LINK_MISMATCH',
      'HASH_MISSING',
      'REVISION_GAP',
      'UNKEYED_AFTER_KEYED',
      'UNKNOWN_KEY',
      'TRUNCATED',
      'ANCHOR_MISMATCH',
      'CHECKPOINT_FORGED',
    ],
  })
  reason?: string;
  @ApiPropertyOptional() detail?: string;
  @ApiProperty({ format: 'date-time', description: 'When the check ran.' }) verifiedAt!: string;
}
