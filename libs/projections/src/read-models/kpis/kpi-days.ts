import type { OpenedAccount } from '@arrears/domain';
import type { IndexSpec } from '@arrears/read-store';
import type { DocumentRef, Evolved, ProjectedDocument } from '../../projection';
import { utcDate, type RecordedAccountEvent } from '../account-events';
import { addFigures, emptyFigures, figuresChange, type Figures } from './kpi-figures';

/** The scope of the whole portfolio; creditor ids cannot contain `*`. */
export const PORTFOLIO = '*';

/**
 * What changed in a scope (a creditor, or the portfolio) on one day, per currency: the day's
 * changes to receivables by due date and to accounts by oldest due date, and the day's flows.
 * A scope's figures at the end of any day are the sum of its days up to it.
 */
export interface KpiDayDocument extends ProjectedDocument {
  kind: 'day';
  scope: string;
  date: string;
  figures: Record<string, Figures>;
}

const dayId = (scope: string, date: string) => `day:${scope}:${date}`;

export const KPIS = 'kpis';

export const kpiIndexes: IndexSpec[] = [{ name: 'by_scope_day', fields: ['kind', 'scope', 'date'].map((field) => ({ field, direction: 'asc' as const })) }];

/**
 * Daily KPI figures per creditor and for the portfolio, derived by the account fold (see
 * accountProjection): each account event updates its creditor's and the portfolio's document for
 * the day it was recorded, by what the event changed between the account before and after it.
 * Documents stay small; readers sum the days up to the period they ask for.
 */
export const kpiDayRefs = (event: RecordedAccountEvent): DocumentRef[] => {
  const day = utcDate(event.metadata.recordedAt);
  return [dayId(event.metadata.creditorId, day), dayId(PORTFOLIO, day)].map((id) => ({ collection: KPIS, id }));
};

/** The creditor's and the portfolio's day documents (as `kpiDayRefs` names them) after the event. */
export function kpiDays(
  before: OpenedAccount | null,
  after: OpenedAccount,
  event: RecordedAccountEvent,
  [creditorDay, portfolioDay]: (ProjectedDocument | null | undefined)[],
): Evolved<KpiDayDocument>[] {
  const day = utcDate(event.metadata.recordedAt);
  const change = figuresChange(before, after, event, day);
  return [
    dayWith(isKpiDay(creditorDay) ? creditorDay : null, after.creditorId, day, change),
    dayWith(isKpiDay(portfolioDay) ? portfolioDay : null, PORTFOLIO, day, change),
  ];
}

export const isKpiDay = (document: ProjectedDocument | null | undefined): document is KpiDayDocument => document?.kind === 'day';

function dayWith(document: KpiDayDocument | null, scope: string, date: string, change: ReturnType<typeof figuresChange>): Evolved<KpiDayDocument> {
  const figures = { ...(document?.figures ?? {}) };
  if (change) figures[change.currency] = addFigures(figures[change.currency] ?? emptyFigures(), change.figures);
  return { id: dayId(scope, date), kind: 'day', scope, date, figures };
}
