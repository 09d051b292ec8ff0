import { Inject, Injectable } from '@nestjs/common';
import { Clock, LeastRecentlyUsed } from '@arrears/platform';
import { isKpiDay, isKpiMonth, kpiContentFields, kpiReadModel, type KpiDayDocument, type KpiMonthDocument } from '@arrears/projections';
import { READ_STORE, type Condition, type ReadDocument, type ReadStore } from '@arrears/read-store';

type KpiDocument = KpiDayDocument | KpiMonthDocument;

const isKpiDocument = (document: ReadDocument): document is KpiDocument => document.kind === 'day' || document.kind === 'month';

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

/**
 * How long a kept document is trusted while its position stands still. A parked event retried late
 * changes documents without moving their positions (they never move backwards), and so may a read
 * model rebuilt under new settings: such a change shows in reports at most this late.
 */
export const trustedForMs = 60_000;

/** The index's own order (by_scope_day), so that a report's documents come in the same order each time. */
const byDate = [{ field: 'date', direction: 'asc' as const }];

interface Kept {
  document: KpiDocument;
  fetchedAt: number;
}

/**
 * The KPI documents a report reads, re-reading only those that changed since it last did. A day
 * document changes while its day's facts arrive and, rarely, when a late fact restates it; month
 * totals likewise. So each report asks the store for the window's ids and positions alone, and
 * fetches the contents of those whose position moved (a document's position is that of the last
 * event that wrote it), or that were kept longer than `trustedForMs`: at a year of a large
 * portfolio the contents are over half a megabyte of JSON that the store would otherwise print
 * and the service parse on every report. Reports only read what this returns: the same object
 * serves each while its document is unchanged, so a report knows an unchanged one by its identity
 * (see KpiAnswers).
 */
@Injectable()
export class KpiDocuments {
  private readonly kept = new LeastRecentlyUsed<string, Kept>(keptDocuments);

  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    private readonly clock: Clock,
  ) {}

  async window(scope: string, start: string, end: string): Promise<KpiWindow> {
    const inScope: Condition[] = [{ field: 'scope', op: 'eq', value: scope }];
    const [months, days] = await Promise.all([
      this.find([{ field: 'kind', op: 'eq', value: 'month' }, ...inScope, { field: 'date', op: 'lt', value: start }]),
      this.find([{ field: 'kind', op: 'eq', value: 'day' }, ...inScope, { field: 'date', op: 'gte', value: start }, { field: 'date', op: 'lte', value: end }]),
    ]);
    return { months: months.filter(isKpiMonth), days: days.filter(isKpiDay) };
  }

  /** The documents `where` finds, in date order: kept ones still true, the others fetched. */
  private async find(where: Condition[]): Promise<KpiDocument[]> {
    const stamps = await this.readStore.find(kpiReadModel.collection, { where, orderBy: byDate, omit: kpiContentFields });
    const now = this.clock.now().getTime();
    // This report's own documents: another report may drop kept ones while this one waits on the store.
    const found = new Map<string, Kept>();
    const changed: string[] = [];
    for (const { id, position } of stamps) {
      const kept = this.kept.peek(id);
      if (kept && kept.document.position === position && now - kept.fetchedAt < trustedForMs) found.set(id, kept);
      else changed.push(id);
    }
    for (const document of await this.fetch(changed)) found.set(document.id, { document, fetchedAt: now });
    return stamps.flatMap(({ id }) => {
      const read = found.get(id);
      if (!read) {
        // Gone since its position was read: no longer in the window.
        this.kept.delete(id);
        return [];
      }
      this.kept.set(id, read);
      return [read.document];
    });
  }

  private async fetch(ids: string[]): Promise<KpiDocument[]> {
    if (!ids.length) return [];
    return (await this.readStore.find(kpiReadModel.collection, { where: [{ field: 'id', op: 'in', value: ids }] })).filter(isKpiDocument);
  }
}
