import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { dueDatesIn } from '@arrears/domain';
import { Clock } from '@arrears/platform';
import { worklistItem, worklistReadModel, type WorklistDocument, type WorklistItem } from '@arrears/projections';
import { READ_STORE, type Condition, type ReadStore } from '@arrears/read-store';
import { ContactPoliciesInForce } from '@arrears/commands';
import { Caller } from '../auth/caller.decorator';
import type { Principal } from '../auth/principal';
import { decodeCursor, encodeCursor } from '../read-side/paging';
import { QueryEndpoint } from '../read-side/query-endpoint.decorator';
import { ReadConsistency } from '../read-side/read-consistency';
import { WorklistParams } from './worklist.requests';
import { WorklistResponse } from './worklist.responses';

export interface Worklist {
  asOf: string;
  items: WorklistItem[];
  nextCursor: string | null;
}

const byPriority = [
  { field: 'rank', direction: 'desc' as const },
  { field: 'id', direction: 'asc' as const },
];

/**
 * Open delinquent accounts, highest priority first (ties by account id), a page at a time. The
 * stored rank orders accounts the same on every day, so the list is one indexed range scan; the
 * day's condition (oldest open invoice past due) and the bucket are ranges on its due date.
 */
@ApiTags('worklist')
@Controller('worklist')
export class WorklistController {
  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    private readonly consistency: ReadConsistency,
    private readonly clock: Clock,
    private readonly contactPolicies: ContactPoliciesInForce,
  ) {}

  @Get()
  @QueryEndpoint(
    'Open delinquent accounts by priority, with the score’s parts, days past due, overdue amount, next action and assigned agent',
    WorklistResponse,
  )
  async worklist(@Query() params: WorklistParams, @Caller() caller: Principal): Promise<Worklist> {
    await this.consistency.reach(params.minPosition, [worklistReadModel.name]);
    const now = this.clock.now().toISOString();
    const limit = params.limit ?? 20;
    const after = decodeCursor(params.cursor, ['number', 'string']);
    const page = (await this.readStore.find(worklistReadModel.collection, {
      where: [...conditions(params, now), ...creditorsOf(caller)],
      orderBy: byPriority,
      limit: limit + 1,
      ...(after ? { after } : {}),
    })) as WorklistDocument[];
    const shown = page.slice(0, limit);
    const last = shown[shown.length - 1];
    return {
      asOf: now,
      items: shown.map((document) => worklistItem(document, now, this.contactPolicies.policyFor(document.creditorId))),
      nextCursor: page.length > limit && last ? encodeCursor([last.rank as number, last.id]) : null,
    };
  }
}

function conditions({ agentId, bucket, creditorId }: WorklistParams, now: string): Condition[] {
  const today = now.slice(0, 10);
  const where: Condition[] = [
    { field: 'listed', op: 'eq', value: true },
    { field: 'oldestDueOn', op: 'lt', value: today },
  ];
  if (bucket) {
    const { from, to } = dueDatesIn(bucket, today);
    if (from) where.push({ field: 'oldestDueOn', op: 'gte', value: from });
    if (to) where.push({ field: 'oldestDueOn', op: 'lte', value: to });
  }
  if (creditorId) where.push({ field: 'creditorId', op: 'eq', value: creditorId });
  if (agentId) where.push({ field: 'claimAgentId', op: 'eq', value: agentId }, { field: 'claimUntil', op: 'gt', value: now });
  return where;
}

/** A token for some creditors sees their accounts only. */
const creditorsOf = ({ creditors }: Principal): Condition[] => (creditors === '*' ? [] : [{ field: 'creditorId', op: 'in', value: [...creditors] }]);
