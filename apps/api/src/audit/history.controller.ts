import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CHAIN_KEY, STORED_EVENT_STORE, findAnchor, verifyChain, type ChainKey, type ChainReport, type EventStore } from '@arrears/event-store';
import { accountStream, notFound } from '@arrears/domain';
import { Clock } from '@arrears/platform';
import { accountReadModel, AUDIT_TRAIL, type AuditEntry } from '@arrears/projections';
import { READ_STORE, type ReadStore } from '@arrears/read-store';
import { IdParam } from '../http/parse-id.pipe';
import { decodeCursor, encodeCursor } from '../read-side/paging';
import { HistoryParams } from './audit.requests';
import { QueryEndpoint, unknownAccount } from '../read-side/query-endpoint.decorator';
import { ReadConsistency } from '../read-side/read-consistency';
import { AccountHistory, HistoryVerification } from './audit.responses';

/** The audit trail of an account, and whether its hash chain still holds. */
@ApiTags('audit')
@Controller('accounts')
export class HistoryController {
  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    private readonly consistency: ReadConsistency,
    @Inject(STORED_EVENT_STORE) private readonly store: EventStore,
    @Inject(CHAIN_KEY) private readonly chainKey: ChainKey,
    private readonly clock: Clock,
  ) {}

  /** Every event in order (or newest first), a page at a time. */
  @Get(':accountId/history')
  @QueryEndpoint(
    'The audit trail: every event in order with position, revision, type, times, actor, correlation and causation ids, and a summary',
    AccountHistory,
    unknownAccount,
  )
  async history(@IdParam('accountId') accountId: string, @Query() params: HistoryParams): Promise<AccountHistory> {
    await this.consistency.reach(params.minPosition, [AUDIT_TRAIL]);
    const limit = params.limit ?? 50;
    const after = decodeCursor(params.cursor, ['number']);
    const page = (await this.readStore.find(AUDIT_TRAIL, {
      where: [{ field: 'accountId', op: 'eq', value: accountId }],
      orderBy: [{ field: 'revision', direction: params.order ?? 'asc' }],
      limit: limit + 1,
      ...(after ? { after } : {}),
    })) as AuditEntry[];
    if (page.length === 0 && !after && !(await this.readStore.get(accountReadModel.collection, accountId, { omit: ['account', 'kpis'] }))) {
      throw notFound('ACCOUNT_NOT_FOUND', `Account ${accountId} does not exist.`, { accountId });
    }
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- `id` is named only to leave the read model's key out of the answer
    const items = page.slice(0, limit).map(({ id: _id, ...entry }) => entry);
    const last = items[items.length - 1];
    return { accountId, items, nextCursor: page.length > limit && last ? encodeCursor([last.revision]) : null };
  }

  /**
   * Recomputes the account stream's keyed hash chain from the event store itself, not from a read model,
   * and from the events as stored (personal data sealed), which is what was hashed; then holds it to the
   * head the latest signed checkpoint saw, which tells a truncated or re-chained stream.
   */
  @Get(':accountId/history/verify')
  @QueryEndpoint('Integrity report: recomputes the hash chain of the account’s events and names the first broken revision', HistoryVerification, unknownAccount)
  async verify(@IdParam('accountId') accountId: string): Promise<HistoryVerification> {
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
