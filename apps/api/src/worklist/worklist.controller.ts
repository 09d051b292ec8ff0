import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { dateIn, dueDatesIn } from '@arrears/domain';
import { APP_CONFIG, Clock, type AppConfig, type WorklistOrder } from '@arrears/platform';
import { byExpectedRecovery, ScoringInForce, worklistItem, worklistReadModel, type WorklistDocument, type WorklistItem } from '@arrears/projections';
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
  order: { by: WorklistOrder; reason: string };
  items: WorklistItem[];
  nextCursor: string | null;
}

/** Each order's stored sort key (ties by account id). */
const sortKeys: Record<WorklistOrder, 'rank' | 'recoveryRank'> = { heuristic: 'rank', 'expected-recovery': 'recoveryRank' };

/**
 * Open delinquent accounts, highest priority first (ties by account id), a page at a time: by the
 * heuristic priority score, or by expected recovery (WORKLIST_ORDER, or `order`) when a score model is
 * in use. The stored rank orders accounts the same on every day, so the list is one indexed range scan;
 * the day's condition (oldest open invoice past due) and the bucket are ranges on its due date. Expected
 * recovery multiplies in whether the account is contactable now, which the clock decides: each page
 * is sorted by it (see byExpectedRecovery).
 */
@ApiTags('worklist')
@Controller('worklist')
export class WorklistController {
  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    private readonly consistency: ReadConsistency,
    private readonly clock: Clock,
    private readonly contactPolicies: ContactPoliciesInForce,
    private readonly scoring: ScoringInForce,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @QueryEndpoint(
    'Open delinquent accounts by priority or expected recovery, with the order’s parts, the behaviour score explained, days past due, overdue amount, next action and assigned agent',
    WorklistResponse,
  )
  async worklist(@Query() params: WorklistParams, @Caller() caller: Principal): Promise<Worklist> {
    await this.consistency.reach(params.minPosition, [worklistReadModel.name]);
    const now = this.clock.now().toISOString();
    const limit = params.limit ?? 20;
    const after = decodeCursor(params.cursor, ['number', 'string']);
    const order = this.orderOf(params.order ?? this.config.worklistOrder);
    const key = sortKeys[order.by];
    const page = (await this.readStore.find(worklistReadModel.collection, {
      where: [...conditions(params, now), ...creditorsOf(params, caller), ...(order.by === 'expected-recovery' ? scored : [])],
      orderBy: [
        { field: key, direction: 'desc' },
        { field: 'id', direction: 'asc' },
      ],
      limit: limit + 1,
      // A creditor's lines are walked in its own index range: a list cut by the creditor would read past every other's.
      walkEach: 'creditorId',
      ...(after ? { after } : {}),
    })) as WorklistDocument[];
    const shown = page.slice(0, limit);
    const last = shown[shown.length - 1];
    const items = shown
      .map((document) => worklistItem(document, now, this.contactPolicies.policyFor(document.creditorId)))
      .filter((item) => item.daysPastDue > 0 && (!params.bucket || item.agingBucket === params.bucket));
    return {
      asOf: now,
      order,
      items: order.by === 'expected-recovery' ? byExpectedRecovery(items) : items,
      nextCursor: page.length > limit && last ? encodeCursor([last[key] as number, last.id]) : null,
    };
  }

  /** The order asked for, unless it is expected recovery and no model scores accounts: then the heuristic, saying so. */
  private orderOf(asked: WorklistOrder): Worklist['order'] {
    if (asked === 'heuristic') return { by: 'heuristic', reason: 'By the priority score: amount, age, missed payments, broken promises.' };
    if (this.scoring.scoring.assignment)
      return { by: 'expected-recovery', reason: 'By expected recovery: overdue balance × propensity to pay × contactable now.' };
    return { by: 'heuristic', reason: 'Expected recovery was asked for, but no score model is in use (SCORE_MODELS_DIR holds none): by the priority score.' };
  }
}

/** Lines folded before any model scored them have no expected recovery to be ordered by. */
const scored: Condition[] = [{ field: 'recoveryRank', op: 'gte', value: 0 }];

function conditions({ agentId, bucket, creditApproval, currency }: WorklistParams, now: string): Condition[] {
  // Each debtor's today is somewhere between these two dates: the query takes every line that may be past due
  // in its debtor's zone, and the page keeps those that are (see worklistItem).
  const [earliest, latest] = [dateIn(now, westernmostZone), dateIn(now, easternmostZone)];
  const where: Condition[] = [
    { field: 'listed', op: 'eq', value: true },
    { field: 'oldestDueOn', op: 'lt', value: latest },
  ];
  if (bucket) {
    const { from } = dueDatesIn(bucket, earliest);
    const { to } = dueDatesIn(bucket, latest);
    if (from) where.push({ field: 'oldestDueOn', op: 'gte', value: from });
    if (to) where.push({ field: 'oldestDueOn', op: 'lte', value: to });
  }
  if (creditApproval === 'pending') where.push({ field: 'creditApprovalPending', op: 'eq', value: true });
  if (currency) where.push({ field: 'currency', op: 'eq', value: currency });
  if (agentId) where.push({ field: 'claimAgentId', op: 'eq', value: agentId }, { field: 'claimUntil', op: 'gt', value: now });
  return where;
}

/** The zones whose calendars run furthest behind (UTC−12) and ahead (UTC+14) of UTC. */
const [westernmostZone, easternmostZone] = ['Etc/GMT+12', 'Pacific/Kiritimati'];

/** The creditor asked for, if any, and a token for some creditors sees their accounts only. */
function creditorsOf({ creditorId }: WorklistParams, { creditors }: Principal): Condition[] {
  if (creditors === '*') return creditorId ? [{ field: 'creditorId', op: 'in', value: [creditorId] }] : [];
  return [{ field: 'creditorId', op: 'in', value: creditorId ? [...creditors].filter((scoped) => scoped === creditorId) : [...creditors] }];
}
