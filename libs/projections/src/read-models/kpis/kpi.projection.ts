import { accountEventTypes, type AccountEvent, type OpenedAccount } from '@arrears/domain';
import type { Evolved, ProjectedDocument, Projection } from '../../projection';
import { accountAfter, accountIdOf, utcDate } from '../account-events';
import { addFigures, emptyFigures, figuresChange, type Figures } from './kpi-figures';

/** The scope of the whole portfolio; creditor ids cannot contain `*`. */
export const PORTFOLIO = '*';

/** An account as the KPI projection tracks it, to tell what each of its events changed. */
export interface KpiAccountDocument extends ProjectedDocument {
  kind: 'account';
  account: OpenedAccount;
}

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

export type KpiDocument = KpiAccountDocument | KpiDayDocument;

export const dayId = (scope: string, date: string) => `day:${scope}:${date}`;

/**
 * Daily KPI figures per creditor and for the portfolio. Each account event updates the account's
 * tracking document (to tell what the event changed) and its creditor's and the portfolio's
 * document for the day it was recorded. Documents stay small and an event touches three, so the
 * projection is cheap; readers sum the days up to the period they ask for.
 */
export const kpiProjection: Projection<KpiDocument, AccountEvent> = {
  name: 'kpis',
  collection: 'kpis',
  indexes: [{ name: 'by_scope_day', fields: ['kind', 'scope', 'date'].map((field) => ({ field, direction: 'asc' as const })) }],
  handles: accountEventTypes,
  documentIds: (event) => {
    const accountId = accountIdOf(event);
    if (!accountId) return [];
    const day = utcDate(event.metadata.recordedAt);
    return [`account:${accountId}`, dayId(event.metadata.creditorId, day), dayId(PORTFOLIO, day)];
  },
  evolve: ([tracked, creditorDay, portfolioDay], event) => {
    const before = (tracked as KpiAccountDocument | null)?.account ?? null;
    const after = accountAfter(before, event);
    if (!after) return [tracked ?? null, creditorDay ?? null, portfolioDay ?? null];
    const day = utcDate(event.metadata.recordedAt);
    const change = figuresChange(before, after, event, day);
    return [
      { id: `account:${after.accountId}`, kind: 'account', account: after },
      dayWith(creditorDay as KpiDayDocument | null, after.creditorId, day, change),
      dayWith(portfolioDay as KpiDayDocument | null, PORTFOLIO, day, change),
    ];
  },
};

function dayWith(document: KpiDayDocument | null, scope: string, date: string, change: ReturnType<typeof figuresChange>): Evolved<KpiDayDocument> {
  const figures = { ...(document?.figures ?? {}) };
  if (change) figures[change.currency] = addFigures(figures[change.currency] ?? emptyFigures(), change.figures);
  return { id: dayId(scope, date), kind: 'day', scope, date, figures };
}
