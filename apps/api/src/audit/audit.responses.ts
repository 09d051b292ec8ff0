import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { IsoDate } from '@arrears/domain';
import type { EventMetadata } from '@arrears/event-store';
import type { AccountView, AuditEntry } from '@arrears/projections';

export class AccountEventResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'InvoiceIssued' }) type!: string;
  @ApiProperty({ example: 1, description: 'Position in the account stream, from 0.' }) revision!: number;
  @ApiProperty({ example: 42, description: 'Position in the whole log.' }) position!: number;
  @ApiProperty({ type: Object }) data!: Record<string, unknown>;
  @ApiProperty({
    type: Object,
    description:
      'correlationId, causationId, actor, occurredAt, occurredOn (the business date, where the fact gives one), recordedAt, schemaVersion, creditorId',
  })
  metadata!: EventMetadata;
}

export class AccountEventsResponse {
  @ApiProperty({ example: 'acc-1' }) accountId!: string;
  @ApiProperty({ example: 3, description: 'The current revision (also the ETag).' }) revision!: number;
  @ApiProperty({ type: [AccountEventResponse] }) events!: AccountEventResponse[];
}

export interface AccountHistory {
  accountId: string;
  items: Omit<AuditEntry, 'id'>[];
  nextCursor: string | null;
}

/**
 * The account as an audit asked for it: `asOf` and `asAt` echo the cut (either or both), and
 * `revision` is the last revision known at `asOf` (the head without it).
 */
export type AccountStateAsOf = Omit<AccountView, 'asOf'> & { asOf?: string; asAt?: IsoDate; revision: number };

export class HistoryVerification {
  @ApiProperty({ example: 'acc-1' }) accountId!: string;
  @ApiProperty({ enum: ['intact', 'broken'] }) status!: 'intact' | 'broken';
  @ApiProperty({ example: 12, description: 'Events in the stream.' }) events!: number;
  @ApiPropertyOptional({ description: 'The hash of the last event, when intact: keep it to notice a later truncation.' }) lastHash?: string;
  @ApiPropertyOptional({
    example: 0,
    description: 'Leading events chained with plain SHA-256, before the chain was keyed: only a checkpoint vouches for them.',
  })
  unkeyedEvents?: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'The latest revision a signed checkpoint saw, when intact.' }) anchoredRevision?:
    number | null;
  @ApiPropertyOptional({ example: 4, description: 'The first revision whose hash or link does not hold (for TRUNCATED: the first one missing).' })
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
  @ApiProperty({ description: 'When the check ran.' }) verifiedAt!: string;
}
