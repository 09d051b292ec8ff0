import { openInvoicesOldestFirst, outstanding, type IsoDate, type OpenedAccount } from '@arrears/domain';

/**
 * The figures of one scope (a creditor, or the portfolio) in one currency: what one day changed,
 * or, summed over the days up to one, the totals at its end, from which every KPI is computed.
 * Amounts are minor units; summed counters only ever grow, so a period's flow is the difference
 * between two days' totals.
 */
export interface Figures {
  /** Open receivables by due date: aging on any day is a sum over these. */
  outstanding: Record<IsoDate, number>;
  /** Accounts owing money, by the due date of their oldest open invoice. */
  accountsByOldestDue: Record<IsoDate, number>;
  /** Billed on credit: invoices and late fees. */
  creditSales: number;
  collected: number;
  discounted: number;
  /** Accounts that went from delinquent (something past due) to current. */
  cures: number;
  plansAgreed: number;
  plansCompleted: number;
}

export const emptyFigures = (): Figures => ({
  outstanding: {},
  accountsByOldestDue: {},
  creditSales: 0,
  collected: 0,
  discounted: 0,
  cures: 0,
  plansAgreed: 0,
  plansCompleted: 0,
});

/** What one account event changed, for the account's scope figures. */
export interface FiguresChange {
  currency: string;
  outstanding: Record<IsoDate, number>;
  oldestDue: { before: IsoDate | null; after: IsoDate | null };
  creditSales: number;
  collected: number;
  discounted: number;
  cured: boolean;
  planAgreed: boolean;
  planCompleted: boolean;
}

/** The change between an account before and after an event recorded on `day`. */
export function figuresChange(before: OpenedAccount | null, after: OpenedAccount, eventType: string, eventData: Record<string, unknown>, day: IsoDate): FiguresChange | undefined {
  if (!after.currency) return undefined;
  const delta: Record<IsoDate, number> = {};
  for (const invoice of Object.values(after.invoices)) {
    const previous = before?.invoices[invoice.invoiceId];
    const change = outstanding(invoice) - (previous ? outstanding(previous) : 0);
    if (change !== 0) delta[invoice.dueOn] = (delta[invoice.dueOn] ?? 0) + change;
  }
  const oldestBefore = before ? oldestOpenDue(before) : null;
  const oldestAfter = oldestOpenDue(after);
  const amount = Number(eventData.amount ?? 0);
  return {
    currency: after.currency,
    outstanding: delta,
    oldestDue: { before: oldestBefore, after: oldestAfter },
    creditSales: eventType === 'InvoiceIssued' || eventType === 'LateFeeAssessed' ? amount : 0,
    collected: eventType === 'PaymentReceived' ? amount : 0,
    discounted: eventType === 'EarlyPaymentDiscountApplied' ? amount : 0,
    cured: isPastDue(oldestBefore, day) && !isPastDue(oldestAfter, day),
    planAgreed: eventType === 'PlanAgreed',
    planCompleted: eventType === 'PlanCompleted',
  };
}

const oldestOpenDue = (account: OpenedAccount): IsoDate | null => openInvoicesOldestFirst(account)[0]?.dueOn ?? null;
const isPastDue = (oldestDue: IsoDate | null, day: IsoDate) => oldestDue !== null && oldestDue < day;

/** The sum of two days' (or a total's and a day's) figures; never mutates its inputs. */
export function addFigures(total: Figures, day: Figures): Figures {
  const next: Figures = {
    outstanding: { ...total.outstanding },
    accountsByOldestDue: { ...total.accountsByOldestDue },
    creditSales: total.creditSales + day.creditSales,
    collected: total.collected + day.collected,
    discounted: total.discounted + day.discounted,
    cures: total.cures + day.cures,
    plansAgreed: total.plansAgreed + day.plansAgreed,
    plansCompleted: total.plansCompleted + day.plansCompleted,
  };
  for (const [dueOn, amount] of Object.entries(day.outstanding)) adjust(next.outstanding, dueOn, amount);
  for (const [dueOn, count] of Object.entries(day.accountsByOldestDue)) adjust(next.accountsByOldestDue, dueOn, count);
  return next;
}

/** The figures after a change; never mutates its input. */
export function applyChange(figures: Figures, change: FiguresChange): Figures {
  const next: Figures = {
    ...figures,
    outstanding: { ...figures.outstanding },
    accountsByOldestDue: { ...figures.accountsByOldestDue },
    creditSales: figures.creditSales + change.creditSales,
    collected: figures.collected + change.collected,
    discounted: figures.discounted + change.discounted,
    cures: figures.cures + (change.cured ? 1 : 0),
    plansAgreed: figures.plansAgreed + (change.planAgreed ? 1 : 0),
    plansCompleted: figures.plansCompleted + (change.planCompleted ? 1 : 0),
  };
  for (const [dueOn, amount] of Object.entries(change.outstanding)) adjust(next.outstanding, dueOn, amount);
  const { before, after } = change.oldestDue;
  if (before !== after) {
    if (before) adjust(next.accountsByOldestDue, before, -1);
    if (after) adjust(next.accountsByOldestDue, after, 1);
  }
  return next;
}

/** Adds to a keyed total, dropping keys that come to zero so the maps stay small. */
function adjust(totals: Record<string, number>, key: string, amount: number): void {
  const value = (totals[key] ?? 0) + amount;
  if (value === 0) delete totals[key];
  else totals[key] = value;
}
