import { Inject, Injectable } from '@nestjs/common';
import { kpiReadModel, type KpiDayDocument, type KpiMonthDocument } from '@arrears/projections';
import { READ_STORE, type Condition, type ReadStore } from '@arrears/read-store';

/** What one report reads: a scope's month totals before its window, and its day documents in it. */
export interface KpiWindow {
  months: KpiMonthDocument[];
  days: KpiDayDocument[];
}

/**
 * Documents kept between reports, the least recently read dropped first: a year of day documents
 * for five or so scopes. Past it, reports of many scopes take turns and each re-reads its own.
 */
export const keptDocuments = 2048;

/** Every field a KPI document has beyond its id, kind, scope, date and position. */
const contents = ['figures', 'later', 'currencies'];
/** The index's own order (by_scope_day), so that a report's documents come in the same order each time. */
const byDate = [{ field: 'date', direction: 'asc' as const }];

/**
 * The KPI documents a report reads, re-reading only those that changed since it last did. A day
 * document changes while its day's facts arrive and, rarely, when a late fact restates it; month
 * totals likewise. So each report asks the store for the window's ids and positions alone, and
 * fetches the contents of those whose position moved: at a year of a large portfolio the contents
 * are a megabyte of JSON that the store would otherwise print and the service parse on every report.
 * A document's position is that of the last event that wrote it, so an unchanged position is an
 * unchanged document. Reports only read what this returns: the same objects serve every report.
 */
@Injectable()
export class KpiDocuments {
  private readonly kept = new Map<string, KpiDayDocument | KpiMonthDocument>();

  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore) {}

  async window(scope: string, start: string, to: string): Promise<KpiWindow> {
    const inScope: Condition[] = [{ field: 'scope', op: 'eq', value: scope }];
    const [months, days] = await Promise.all([
      this.find([{ field: 'kind', op: 'eq', value: 'month' }, ...inScope, { field: 'date', op: 'lt', value: start }]),
      this.find([{ field: 'kind', op: 'eq', value: 'day' }, ...inScope, { field: 'date', op: 'gte', value: start }, { field: 'date', op: 'lte', value: to }]),
    ]);
    this.forgetOldest();
    return { months: months as KpiMonthDocument[], days: days as KpiDayDocument[] };
  }

  private async find(where: Condition[]): Promise<(KpiDayDocument | KpiMonthDocument)[]> {
    const collection = kpiReadModel.collection;
    const stamps = await this.readStore.find(collection, { where, orderBy: byDate, omit: contents });
    const changed = stamps.filter(({ id, position }) => this.kept.get(id)?.position !== position).map(({ id }) => id);
    if (changed.length) {
      const fetched = await this.readStore.find(collection, { where: [{ field: 'id', op: 'in', value: changed }] });
      for (const document of fetched) this.kept.set(document.id, document as KpiDayDocument | KpiMonthDocument);
    }
    return stamps.flatMap(({ id }) => {
      const document = this.kept.get(id);
      if (!document) return [];
      // Read again: to the end of the order in which the least recently read go first.
      this.kept.delete(id);
      this.kept.set(id, document);
      return [document];
    });
  }

  private forgetOldest(): void {
    for (const id of this.kept.keys()) {
      if (this.kept.size <= keptDocuments) return;
      this.kept.delete(id);
    }
  }
}
