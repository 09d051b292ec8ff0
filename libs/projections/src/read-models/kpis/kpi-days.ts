import { businessDayOf, entryOf, type AccountScore, type IsoDate, type OpenedAccount } from '@arrears/domain';
import type { ReportingZones } from '@arrears/platform';
import type { IndexSpec } from '@arrears/read-store';
import type { DocumentRef, Evolved, ProjectedDocument } from '../../projection';
import type { RecordedAccountEvent } from '../account-events';
import { addChange, figuresChange, invoiceMoves, outstandingChange, type FigureChange, type InvoiceMove } from './kpi-figures';
import { emptyLedger, ledgerAfter, type KpiLedger } from './kpi-ledger';
import { isKpiMonth, monthId, monthWith, type DayChange, type KpiMonthDocument } from './kpi-months';

/** The scope of the whole portfolio; creditor ids cannot contain `*`. */
export const PORTFOLIO = '*';

/**
 * What the facts of one business day changed in a scope (a creditor, or the portfolio), per
 * currency: receivables by due date and the day's flows (`figures`), and what they restated on that
 * day and later ones (`later`): who was delinquent, and cures. A scope's figures at the end of any
 * day are the sum of every change that lands on a day up to it.
 */
export interface KpiDayDocument extends ProjectedDocument {
  kind: 'day';
  scope: string;
  date: string;
  figures: Record<string, FigureChange>;
  later?: Record<string, Record<IsoDate, FigureChange>>;
}

const dayId = (scope: string, date: string) => `day:${scope}:${date}`;

/** The fields of KPI documents (days' and months') that hold their figures: all but what finds and orders them. */
export const kpiContentFields = ['figures', 'later', 'currencies'] as const;

export const KPIS = 'kpis';

export const kpiIndexes: IndexSpec[] = [{ name: 'by_scope_day', fields: ['kind', 'scope', 'date'].map((field) => ({ field, direction: 'asc' as const })) }];

/** The business day of an account event, in its creditor's reporting zone (see businessDayOf). */
export const kpiDayOf = (event: RecordedAccountEvent, zones: ReportingZones): IsoDate => businessDayOf(event, event.metadata, zones(event.metadata.creditorId));

/**
 * Daily KPI figures per creditor and for the portfolio, derived by the account fold (see
 * accountProjection): each account event updates its creditor's and the portfolio's document for
 * the business day it happened on, however late it was recorded, and their totals of its month.
 */
export const kpiDayRefs = (event: RecordedAccountEvent, zones: ReportingZones): DocumentRef[] => {
  const day = kpiDayOf(event, zones);
  const scopes = [event.metadata.creditorId, PORTFOLIO];
  return [...scopes.map((scope) => dayId(scope, day)), ...scopes.map((scope) => monthId(scope, day))].map((id) => ({ collection: KPIS, id }));
};

/**
 * The creditor's and the portfolio's day and month documents (as `kpiDayRefs` names them) after the
 * event, and the account's ledger; collections counted by the account's score before the event too.
 */
export function kpiDays(
  before: { account: OpenedAccount; ledger: KpiLedger; score?: () => AccountScore | null } | null,
  after: OpenedAccount,
  event: RecordedAccountEvent,
  zones: ReportingZones,
  [creditorDay, portfolioDay, creditorMonth, portfolioMonth]: (ProjectedDocument | null | undefined)[],
): { ledger: KpiLedger; days: Evolved<KpiDayDocument | KpiMonthDocument>[] } {
  const day = kpiDayOf(event, zones);
  const moves = invoiceMoves(before?.account ?? null, after);
  const dueOf = (invoiceId: string) => entryOf(after.invoices, invoiceId)?.dueOn;
  const { ledger, restated } = ledgerAfter(before?.ledger ?? emptyLedger(), moves, event, day, dueOf);
  const { onTheDay, beforeIssue } = byIssueDay(moves, after, day);
  const change = after.currency
    ? {
        currency: after.currency,
        figures: figuresChange(before?.account ?? null, event, onTheDay, before?.score),
        restated: withOutstandingLater(restated, beforeIssue),
      }
    : undefined;
  return {
    ledger,
    days: [
      dayWith(isKpiDay(creditorDay) ? creditorDay : null, after.creditorId, day, change),
      dayWith(isKpiDay(portfolioDay) ? portfolioDay : null, PORTFOLIO, day, change),
      monthWith(isKpiMonth(creditorMonth) ? creditorMonth : null, after.creditorId, day, change),
      monthWith(isKpiMonth(portfolioMonth) ? portfolioMonth : null, PORTFOLIO, day, change),
    ],
  };
}

/**
 * The moves of the day, and those of invoices issued after it, each to land on its invoice's issue day. A payment
 * recorded after a later invoice was issued is spread over it too, dated the day it was received: no receivable
 * moves before it exists, so until then the money is unapplied cash, as it would have been had the facts come in
 * the order they happened (the payment kept as credit, applied when the invoice was issued: CreditApplied).
 */
function byIssueDay(moves: InvoiceMove[], after: OpenedAccount, day: IsoDate): { onTheDay: InvoiceMove[]; beforeIssue: Map<IsoDate, InvoiceMove[]> } {
  const onTheDay: InvoiceMove[] = [];
  const beforeIssue = new Map<IsoDate, InvoiceMove[]>();
  for (const move of moves) {
    const issuedOn = entryOf(after.invoices, move.invoiceId)?.issuedOn;
    if (issuedOn === undefined || issuedOn <= day) onTheDay.push(move);
    else beforeIssue.set(issuedOn, [...(beforeIssue.get(issuedOn) ?? []), move]);
  }
  return { onTheDay, beforeIssue };
}

/** The ledger's restatements, with the receivables the early moves change on their invoices' issue days. */
function withOutstandingLater(restated: Record<IsoDate, FigureChange>, beforeIssue: Map<IsoDate, InvoiceMove[]>): Record<IsoDate, FigureChange> {
  if (beforeIssue.size === 0) return restated;
  const landing = { ...restated };
  for (const [issuedOn, moves] of beforeIssue) landing[issuedOn] = addChange(entryOf(landing, issuedOn) ?? {}, outstandingChange(moves));
  return landing;
}

export const isKpiDay = (document: ProjectedDocument | null | undefined): document is KpiDayDocument => document?.kind === 'day';

function dayWith(document: KpiDayDocument | null, scope: string, date: string, change: DayChange | undefined): Evolved<KpiDayDocument> {
  const figures = { ...document?.figures };
  const later = { ...document?.later };
  if (change) {
    const { currency } = change;
    figures[currency] = addChange(entryOf(figures, currency) ?? {}, change.figures);
    const restated = { ...entryOf(later, currency) };
    for (const [day, moved] of Object.entries(change.restated)) restated[day] = addChange(entryOf(restated, day) ?? {}, moved);
    later[currency] = restated;
  }
  return { id: dayId(scope, date), kind: 'day', scope, date, figures, later };
}
