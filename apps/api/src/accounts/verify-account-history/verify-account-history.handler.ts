import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { accountStream, notFound } from '@arrears/domain';
import { STORED_EVENT_STORE } from '@arrears/backends';
import { verifyChain, type EventStore } from '@arrears/event-store';
import { Clock } from '@arrears/platform';
import { VerifyAccountHistoryQuery } from './verify-account-history.query';

export class HistoryVerification {
  @ApiProperty({ example: 'acc-1' }) accountId!: string;
  @ApiProperty({ enum: ['intact', 'broken'] }) status!: 'intact' | 'broken';
  @ApiProperty({ example: 12, description: 'Events in the stream.' }) events!: number;
  @ApiPropertyOptional({ description: 'The hash of the last event, when intact: keep it to notice a later truncation.' }) lastHash?: string;
  @ApiPropertyOptional({ example: 4, description: 'The first revision whose hash or link does not hold.' }) firstBrokenRevision?: number;
  @ApiPropertyOptional({ enum: ['HASH_MISMATCH', 'LINK_MISMATCH', 'HASH_MISSING', 'REVISION_GAP'] }) reason?: string;
  @ApiPropertyOptional() detail?: string;
  @ApiProperty({ description: 'When the check ran.' }) verifiedAt!: string;
}

/**
 * Recomputes the account stream's hash chain from the event store itself, not from a read model, and
 * from the events as stored (personal data sealed), which is what was hashed.
 */
@QueryHandler(VerifyAccountHistoryQuery)
export class VerifyAccountHistoryHandler implements IQueryHandler<VerifyAccountHistoryQuery, HistoryVerification> {
  constructor(
    @Inject(STORED_EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async execute({ accountId }: VerifyAccountHistoryQuery): Promise<HistoryVerification> {
    const recorded = await this.store.readStream(accountStream(accountId));
    if (recorded.length === 0) throw notFound('ACCOUNT_NOT_FOUND', `Account ${accountId} does not exist.`, { accountId });
    return { accountId, ...verifyChain(recorded), verifiedAt: this.clock.now().toISOString() };
  }
}
