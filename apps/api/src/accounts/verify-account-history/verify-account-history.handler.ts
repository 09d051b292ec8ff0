import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { accountStream, notFound } from '@arrears/domain';
import { CHAIN_KEY, STORED_EVENT_STORE } from '@arrears/backends';
import { findAnchor, verifyChain, type ChainKey, type ChainReport, type EventStore } from '@arrears/event-store';
import { Clock } from '@arrears/platform';
import { VerifyAccountHistoryQuery } from './verify-account-history.query';

export class HistoryVerification {
  @ApiProperty({ example: 'acc-1' }) accountId!: string;
  @ApiProperty({ enum: ['intact', 'broken'] }) status!: 'intact' | 'broken';
  @ApiProperty({ example: 12, description: 'Events in the stream.' }) events!: number;
  @ApiPropertyOptional({ description: 'The hash of the last event, when intact: keep it to notice a later truncation.' }) lastHash?: string;
  @ApiPropertyOptional({ example: 0, description: 'Leading events chained with plain SHA-256, before the chain was keyed: only a checkpoint vouches for them.' })
  unkeyedEvents?: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'The latest revision a signed checkpoint saw, when intact.' }) anchoredRevision?: number | null;
  @ApiPropertyOptional({ example: 4, description: 'The first revision whose hash or link does not hold (for TRUNCATED: the first one missing).' }) firstBrokenRevision?: number;
  @ApiPropertyOptional({
    enum: ['HASH_MISMATCH', 'LINK_MISMATCH', 'HASH_MISSING', 'REVISION_GAP', 'UNKEYED_AFTER_KEYED', 'UNKNOWN_KEY', 'TRUNCATED', 'ANCHOR_MISMATCH', 'CHECKPOINT_FORGED'],
  })
  reason?: string;
  @ApiPropertyOptional() detail?: string;
  @ApiProperty({ description: 'When the check ran.' }) verifiedAt!: string;
}

/**
 * Recomputes the account stream's keyed hash chain from the event store itself, not from a read model,
 * and from the events as stored (personal data sealed), which is what was hashed; then holds it to the
 * head the latest signed checkpoint saw, which tells a truncated or re-chained stream.
 */
@QueryHandler(VerifyAccountHistoryQuery)
export class VerifyAccountHistoryHandler implements IQueryHandler<VerifyAccountHistoryQuery, HistoryVerification> {
  constructor(
    @Inject(STORED_EVENT_STORE) private readonly store: EventStore,
    @Inject(CHAIN_KEY) private readonly chainKey: ChainKey,
    private readonly clock: Clock,
  ) {}

  async execute({ accountId }: VerifyAccountHistoryQuery): Promise<HistoryVerification> {
    const streamId = accountStream(accountId);
    const [recorded, anchors] = await Promise.all([this.store.readStream(streamId), findAnchor(this.store, streamId, this.chainKey)]);
    if (recorded.length === 0) throw notFound('ACCOUNT_NOT_FOUND', `Account ${accountId} does not exist.`, { accountId });
    const report: ChainReport =
      'forged' in anchors
        ? { status: 'broken', events: recorded.length, firstBrokenRevision: 0, reason: 'CHECKPOINT_FORGED', detail: anchors.forged.detail }
        : verifyChain(recorded, this.chainKey, anchors.anchor);
    return { accountId, ...report, verifiedAt: this.clock.now().toISOString() };
  }
}
