import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { addDays, daysBetween } from '@arrears/domain';
import { ProblemException } from '@arrears/platform';
import { kpiProjection, kpiReport, lookbackDays, PORTFOLIO, type KpiFiguresDocument } from '@arrears/projections';
import { READ_STORE, type Condition, type ReadStore } from '@arrears/read-store';
import { ReadConsistency } from '../../read-side/read-consistency';
import { GetKpisQuery } from './get-kpis.query';

const maxDays = 3 * 366;

export interface KpiResponse {
  scope: string;
  from: string;
  to: string;
  currencies: ReturnType<typeof kpiReport>;
}

/**
 * The daily KPI series of a creditor or the portfolio, one per currency. Reads the day snapshots
 * of the range and of the lookback before it (count-back DSO, roll rates), plus the last snapshot
 * before those, and computes every figure from them.
 */
@QueryHandler(GetKpisQuery)
export class GetKpisHandler implements IQueryHandler<GetKpisQuery, KpiResponse> {
  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    private readonly consistency: ReadConsistency,
  ) {}

  async execute({ params }: GetKpisQuery): Promise<KpiResponse> {
    const { from, to } = params;
    const days = daysBetween(from, to);
    if (days < 0 || days >= maxDays) {
      throw new ProblemException(400, 'INVALID_PERIOD', 'The request is malformed', `from must not be after to, and the period is at most ${maxDays} days.`, { from, to });
    }
    await this.consistency.reach(params.minPosition, [kpiProjection.name]);
    const scope = params.creditorId ?? PORTFOLIO;
    const start = addDays(from, -lookbackDays);
    const ofScope: Condition[] = [
      { field: 'kind', op: 'eq', value: 'day' },
      { field: 'scope', op: 'eq', value: scope },
    ];
    const byDate = (direction: 'asc' | 'desc') => [{ field: 'kind', direction }, { field: 'scope', direction }, { field: 'date', direction }];
    const [inRange, before] = await Promise.all([
      this.readStore.find(kpiProjection.collection, {
        where: [...ofScope, { field: 'date', op: 'gte', value: start }, { field: 'date', op: 'lte', value: to }],
        orderBy: byDate('asc'),
      }),
      this.readStore.find(kpiProjection.collection, { where: [...ofScope, { field: 'date', op: 'lt', value: start }], orderBy: byDate('desc'), limit: 1 }),
    ]);
    const snapshots = [...before, ...inRange] as KpiFiguresDocument[];
    return { scope: params.creditorId ?? 'portfolio', from, to, currencies: kpiReport(snapshots, from, to) };
  }
}
