import { accountEventTypes, type OpenedAccount } from '@arrears/domain';
import type { RecordedEvent } from '@arrears/event-store';
import type { Evolved, ProjectedDocument, Projection } from '../../projection';
import { accountAfter, accountIdOf, utcDate } from '../account-events';
import { applyChange, emptyFigures, figuresChange, type Figures, type FiguresChange } from './kpi-figures';

/** The scope of the whole portfolio; creditor ids cannot contain `*`. */
export const PORTFOLIO = '*';

/** An account as the KPI projection tracks it, to tell what each of its events changed. */
export interface KpiAccountDocument extends ProjectedDocument {
  kind: 'account';
  account: OpenedAccount;
}

/** A scope's running figures per currency (`scope`), or their end-of-day snapshot (`day`). */
export interface KpiFiguresDocument extends ProjectedDocument {
  kind: 'scope' | 'day';
  scope: string;
  /** The (UTC) day of the latest event in these figures. */
  date: string;
  figures: Record<string, Figures>;
}

export type KpiDocument = KpiAccountDocument | KpiFiguresDocument;

export const scopeId = (scope: string) => `scope:${scope}`;
export const dayId = (scope: string, date: string) => `day:${scope}:${date}`;

/**
 * Daily KPI figures per creditor and for the portfolio. Each account event updates the account's
 * tracking document, the running figures of its creditor and of the portfolio, and those scopes'
 * snapshots for the day it was recorded (the last snapshot of a day is its closing figures). Facts
 * count on the day they are recorded, aged by their own due dates; days without events carry the
 * previous snapshot forward.
 */
export const kpiProjection: Projection<KpiDocument> = {
  name: 'kpis',
  collection: 'kpis',
  indexes: [{ name: 'by_scope_day', fields: ['kind', 'scope', 'date'].map((field) => ({ field, direction: 'asc' as const })) }],
  handles: accountEventTypes,
  documentIds: (event) => {
    const accountId = accountIdOf(event);
    if (!accountId) return [];
    const creditor = event.metadata.creditorId;
    const day = utcDate(event.metadata.recordedAt);
    return [`account:${accountId}`, scopeId(creditor), scopeId(PORTFOLIO), dayId(creditor, day), dayId(PORTFOLIO, day)];
  },
  evolve: ([tracked, creditorScope, portfolioScope, creditorDay, portfolioDay], event) => {
    const before = (tracked as KpiAccountDocument | null)?.account ?? null;
    const after = accountAfter(before, event);
    if (!after) return [tracked ?? null, creditorScope ?? null, portfolioScope ?? null, creditorDay ?? null, portfolioDay ?? null];
    const change = figuresChange(before, after, event.type, event.data, utcDate(event.metadata.recordedAt));
    const creditor = advance(creditorScope as KpiFiguresDocument | null, after.creditorId, event, change);
    const portfolio = advance(portfolioScope as KpiFiguresDocument | null, PORTFOLIO, event, change);
    return [{ id: `account:${after.accountId}`, kind: 'account', account: after }, creditor, portfolio, snapshot(creditor), snapshot(portfolio)];
  },
};

/** The scope's figures after the event. */
function advance(document: KpiFiguresDocument | null, scope: string, event: RecordedEvent, change: FiguresChange | undefined): Evolved<KpiFiguresDocument> {
  const figures = { ...(document?.figures ?? {}) };
  if (change) figures[change.currency] = applyChange(figures[change.currency] ?? emptyFigures(), change);
  const day = utcDate(event.metadata.recordedAt);
  return { id: scopeId(scope), kind: 'scope', scope, date: day, figures };
}

const snapshot = (scope: Evolved<KpiFiguresDocument>): Evolved<KpiFiguresDocument> =>
  scope && { ...scope, id: dayId(scope.scope, scope.date), kind: 'day' };
