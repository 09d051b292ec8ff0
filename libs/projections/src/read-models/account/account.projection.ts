import { isDeepStrictEqual } from 'node:util';
import {
  accountEventTypes,
  accountScore,
  businessDayOf,
  dateIn,
  defaultRiskSegmentBands,
  nextWakeOn,
  type AccountEvent,
  type AccountScore,
  type OpenedAccount,
  type PaymentReceived,
  type Scoring,
} from '@arrears/domain';
import { unchanged, type Evolved, type ProjectedDocument, type Projection } from '../../projection';
import { accountAfter, accountIdOf, type RecordedAccountEvent } from '../account-events';
import type { ReportingZones } from '@arrears/platform';
import type { Query } from '@arrears/read-store';
import { KPIS, kpiDayRefs, kpiDays, kpiIndexes, type KpiDayDocument } from '../kpis/kpi-days';
import { emptyLedger, type KpiLedger } from '../kpis/kpi-ledger';
import type { KpiMonthDocument } from '../kpis/kpi-months';
import { WORKLIST, worklistEntry, worklistIndexes, type WorklistDocument } from '../worklist/worklist-line';

export interface LastPayment {
  paymentId: string;
  amount: number;
  currency: string;
  receivedOn: string;
  method: string;
}

/** One account as the domain sees it, with what the domain does not keep: the last payment and times. */
export interface AccountDocument extends ProjectedDocument {
  creditorId: string;
  account: OpenedAccount;
  lastPayment: LastPayment | null;
  openedAt: string;
  updatedAt: string;
  /** The earliest day the scheduler may have work on the account; null when it never will. */
  wakeOn: string | null;
  /** What the KPIs keep of the account by business day (absent before its first event of version 3). */
  kpis?: KpiLedger;
  /**
   * The account's behaviour score as of its last event, by its scoring arm's model (docs/risk.md): null
   * when no model is in use; absent from an as-of replay, which scores nothing.
   */
  score?: AccountScore | null;
}

/** Folds one event into an account document; pure, and shared with the as-of replay. */
export function evolveAccountDocument(document: AccountDocument | null, event: RecordedAccountEvent): Evolved<AccountDocument> {
  const account = accountAfter(document?.account, event);
  if (!account) return document;
  return {
    id: account.accountId,
    creditorId: account.creditorId,
    account,
    lastPayment: event.type === 'PaymentReceived' ? lastPaymentOf(event) : (document?.lastPayment ?? null),
    openedAt: document?.openedAt ?? event.metadata.recordedAt,
    updatedAt: event.metadata.recordedAt,
    wakeOn: nextWakeOn(account),
  };
}

function lastPaymentOf({ data }: PaymentReceived): LastPayment {
  return { paymentId: data.paymentId, amount: data.amount, currency: data.currency, receivedOn: data.receivedOn, method: data.method };
}

const ACCOUNTS = 'accounts';
const ACCOUNT_FOLD = 'account';

/** No model in use: accounts are not scored, and the worklist keeps its heuristic. */
export const unscored: Scoring = { models: {}, assignment: null, bands: defaultRiskSegmentBands };

/**
 * The account fold: each account's events are folded once, into its account document (loaded once
 * per batch, evolved with the domain's own `evolve`), and the account's worklist line and its KPI
 * changes are derived from that same fold, under one checkpoint: a line or a figure is never
 * derived from a state another read model has folded differently or not yet.
 */
export const accountProjectionFor = (zones: ReportingZones, scoring: Scoring = unscored): Projection<AccountFoldDocument, AccountEvent> => ({
  name: ACCOUNT_FOLD,
  // 2: the worklist lines and KPI days are derived from its fold, no longer projections of their own.
  // 3: KPI days are business days, restated when a late fact lands; the account keeps its KPI ledger.
  // 4: an invoice's timeline keeps the steps deferred by a plan, dispute or hold (and wakes on their end).
  // 5: the account keeps original-creditor requests, call consent, inbound contacts on blocked media and
  //    once-only notices; calls not connected or to a wrong party no longer count; pauses are per debt; an
  //    invoice keeps the days it was paid on, and the account its debt type (the statute of limitations reads them).
  // 6: the worklist line carries the agent the account is assigned to, apart from the one claiming it.
  // 7: the account keeps each payment's allocations, so that a reversal (refund, chargeback) reopens what it paid.
  // 8: the account's payments, reversals and each invoice's days paid on are shared registries (folding a payment copies none before it).
  // 9: the KPIs keep each month's totals beside its days, so that a report reads only its window's days.
  // 10: the account keeps its credit policy, the invoices past its limit waiting for approval, and its latest credit report.
  // 11: the account counts its outbound calls and those that reached the debtor (the behaviour score reads them).
  // 12: the account and its worklist line keep the account's behaviour score, its arm and its explanation;
  //     the line an expected-recovery rank; the KPIs collections by risk segment and by scoring arm.
  // 13: the worklist line lists the invoices waiting for a supervisor's credit decision, and is filtered by them.
  // 14: the account keeps the debtor's credit limit across their accounts with the creditor.
  // 15: the account and its worklist line are stored without the defaults every account starts with (readModelShapes).
  // 16: the account's KPI ledger keeps its facts by business day, and each day's oldest due date, so that a fact
  //     works out again only the days from its own on (folding a payment no longer walks the account's history).
  // 17: an account's large fields (its payments, reversals, days paid on and ledger days) are stored in parts of
  //     their own (stored-parts.ts), which no earlier release can read.
  // 18: a call the debtor refused to pay in is a conversation, which bars calls for 7 days (1006.14(b)(2)(i)(B));
  //     a dispute keeps the day it was raised.
  // 19: the KPI days count a refusal to pay as a right-party contact, a write-off or upheld dispute of a past-due
  //     invoice on the day of a payment as its own outcome rather than a cure, a promise kept by a payment recorded
  //     late as kept, and the delinquencies a day's facts begin (the cure rate's denominator).
  // 20: no receivable moves before its invoice is issued: a payment received earlier and spread over it lands on
  //     the invoice's issue day, as credit applied then would.
  version: 20,
  collection: ACCOUNTS,
  indexes: [
    {
      name: 'by_creditor',
      fields: [
        { field: 'creditorId', direction: 'asc' },
        { field: 'id', direction: 'asc' },
      ],
    },
    {
      name: 'by_wake',
      fields: [
        { field: 'wakeOn', direction: 'asc' },
        { field: 'id', direction: 'asc' },
      ],
    },
    // A debtor's accounts, found on erasure: one data key seals the debtor's data in all of them.
    {
      name: 'by_debtor',
      fields: [
        { field: 'creditorId', direction: 'asc' },
        { field: 'account.debtor.reference', direction: 'asc' },
      ],
    },
  ],
  derived: { [WORKLIST]: worklistIndexes, [KPIS]: kpiIndexes },
  handles: accountEventTypes,
  documentIds: (event) => {
    const accountId = accountIdOf(event);
    if (!accountId) return [];
    // The line is made from the account alone: loading it too would read a second document for nothing.
    return [{ collection: ACCOUNTS, id: accountId }, { collection: WORKLIST, id: accountId, recomputed: true }, ...kpiDayRefs(event, zones)];
  },
  evolve: ([document, line, ...kpiDocuments], event) => {
    const before = isAccountDocument(document) ? document : null;
    const after = evolveAccountDocument(before, event);
    if (!after) return [document ?? null, line ?? null, ...kpiDocuments.map((kpi) => kpi ?? null)];
    const { account } = after;
    // The KPIs follow business time: a collection counts by the score the account had on its business day,
    // not by the one stored when its last event was recorded (an imported history is recorded all at once).
    const scoreBefore = (account: OpenedAccount) => () => accountScore(scoring, account, businessDayOf(event, event.metadata, account.debtor.timeZone));
    const kpis = kpiDays(
      before && { account: before.account, ledger: before.kpis ?? emptyLedger(), score: scoreBefore(before.account) },
      account,
      event,
      zones,
      kpiDocuments,
    );
    const today = dateIn(event.metadata.recordedAt, account.debtor.timeZone);
    const score = accountScore(scoring, account, today);
    const next = worklistEntry(account, today, score);
    // About half of a portfolio's events (collection steps, reminders, notices) leave the line as it was; writing
    // it again would cost a row and an entry in each of the worklist's indexes for nothing.
    return [{ ...after, kpis: kpis.ledger, score }, sameLine(next, lineBefore(line, before)) ? unchanged : next, ...kpis.days];
  },
});

/**
 * The account's worklist line as it stands before the event: the one this batch made, else the one stored, made
 * again from the account as stored (on its last event's day, with the score it stored). The two are made by the
 * same fold, in one write; a change to what a line holds raises the version, and the rebuild makes both again.
 */
function lineBefore(line: AccountFoldDocument | null | undefined, before: AccountDocument | null): Evolved<WorklistDocument> | null {
  if (isWorklistLine(line)) return line;
  return before && worklistEntry(before.account, dateIn(before.updatedAt, before.account.debtor.timeZone), before.score ?? null);
}

/** Whether two lines say the same, whichever event each was written at. */
const sameLine = (line: Evolved<WorklistDocument>, other: Evolved<WorklistDocument> | null): boolean =>
  other !== null && isDeepStrictEqual({ ...line, position: 0 }, { ...other, position: 0 });

/** Any document of the account fold: an account, a worklist line, a KPI day or month. */
export type AccountFoldDocument = AccountDocument | WorklistDocument | KpiDayDocument | KpiMonthDocument;

const isAccountDocument = (document: AccountFoldDocument | null | undefined): document is AccountDocument =>
  document !== null && document !== undefined && 'account' in document;

const isWorklistLine = (document: AccountFoldDocument | null | undefined): document is WorklistDocument =>
  document !== null && document !== undefined && 'openInvoices' in document;

/** Where readers find the worklist and the KPIs: collections the account fold keeps, under its checkpoint. */
export const accountReadModel = { name: ACCOUNT_FOLD, collection: ACCOUNTS } as const;

/**
 * The fields of an account document only the fold reads, which views and look-ups leave out of their reads: the
 * registries of payment and reversal ids (kept to refuse an id used twice) and the account's KPI ledger. They grow with
 * every payment and day and are kept in parts: an account of ten thousand payments is read in kilobytes without them,
 * not megabytes. (The invoices' days paid on stay: the time bar counts from payments.)
 */
export const foldOnlyAccountFields: readonly string[] = ['kpis', 'account.payments', 'account.reversalIds'];

/** A debtor's accounts with one creditor (the `by_debtor` index): erasure, and the debtor's credit limit, find them so. */
export const debtorAccountsQuery = (creditorId: string, debtorReference: string): Query => ({
  where: [
    { field: 'creditorId', op: 'eq', value: creditorId },
    { field: 'account.debtor.reference', op: 'eq', value: debtorReference },
  ],
  omit: foldOnlyAccountFields,
});
export const worklistReadModel = { name: ACCOUNT_FOLD, collection: WORKLIST } as const;
export const kpiReadModel = { name: ACCOUNT_FOLD, collection: KPIS } as const;
