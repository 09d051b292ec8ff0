import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { notFound } from '@arrears/domain';
import { accountProjection, auditTrailProjection, type AuditEntry } from '@arrears/projections';
import { READ_STORE, type ReadStore } from '@arrears/read-store';
import { decodeCursor, encodeCursor } from '../../read-side/paging';
import { ReadConsistency } from '../../read-side/read-consistency';
import { GetAccountHistoryQuery } from './get-account-history.query';

export interface AccountHistory {
  accountId: string;
  items: Omit<AuditEntry, 'id'>[];
  nextCursor: string | null;
}

/** The audit trail of one account: every event in order, a page at a time. */
@QueryHandler(GetAccountHistoryQuery)
export class GetAccountHistoryHandler implements IQueryHandler<GetAccountHistoryQuery, AccountHistory> {
  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    private readonly consistency: ReadConsistency,
  ) {}

  async execute({ accountId, params }: GetAccountHistoryQuery): Promise<AccountHistory> {
    await this.consistency.reach(params.minPosition, [auditTrailProjection.name]);
    const limit = params.limit ?? 50;
    const after = decodeCursor(params.cursor, ['number']);
    const page = (await this.readStore.find(auditTrailProjection.collection, {
      where: [{ field: 'accountId', op: 'eq', value: accountId }],
      orderBy: [{ field: 'revision', direction: 'asc' }],
      limit: limit + 1,
      ...(after ? { after } : {}),
    })) as AuditEntry[];
    if (page.length === 0 && !after && !(await this.readStore.get(accountProjection.collection, accountId))) {
      throw notFound('ACCOUNT_NOT_FOUND', `Account ${accountId} does not exist.`, { accountId });
    }
    const items = page.slice(0, limit).map(({ id: _id, ...entry }) => entry);
    const last = items[items.length - 1];
    return { accountId, items, nextCursor: page.length > limit && last ? encodeCursor([last.revision]) : null };
  }
}
