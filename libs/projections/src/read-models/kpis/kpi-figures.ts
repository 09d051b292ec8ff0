import {
  entryOf,
  openInvoicesOldestFirst,
  outstanding,
  type AccountEvent,
  type Allocation,
  type IsoDate,
  type OpenedAccount,
  type PaymentReceived,
} from '@arrears/domain';

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
  promisesKept: number;
  promisesBroken: number;
  outboundContacts: number;
  rightPartyContacts: number;
  settlementsAgreed: number;
  settlementsCompleted: number;
  /** Written off: by write-off and by settlement. */
  writtenOff: number;
  placedWithAgency: number;
  collectedByAgency: number;
  /** Payments applied to invoices on a champion's or a challenger's timeline. */
  collectedChampion: number;
  collectedChallenger: number;
}

/** The summed counters of the figures: they only ever grow. */
export type Flows = Omit<Figures, 'outstanding' | 'accountsByOldestDue'>;

export const noFlows: Flows = {
  creditSales: 0,
  collected: 0,
  discounted: 0,
  cures: 0,
  plansAgreed: 0,
  plansCompleted: 0,
  promisesKept: 0,
  promisesBroken: 0,
  outboundContacts: 0,
  rightPartyContacts: 0,
  settlementsAgreed: 0,
  settlementsCompleted: 0,
  writtenOff: 0,
  placedWithAgency: 0,
  collectedByAgency: 0,
  collectedChampion: 0,
  collectedChallenger: 0,
};
export const flowNames = Object.keys(noFlows) as (keyof Flows)[];

export const emptyFigures = (): Figures => ({ outstanding: {}, accountsByOldestDue: {}, ...noFlows });

/** A counter as stored: a day stored before the counter existed has none, and counts 0. */
export const counted = (flows: Partial<Flows>, name: keyof Flows): number => flows[name] ?? 0;

/** Two sets of counters added up (every event of the projection does this: a plain loop, no entries). */
export function addFlows(total: Flows, more: Flows): Flows {
  const sum = { ...total };
  for (const name of flowNames) sum[name] = counted(total, name) + counted(more, name);
  return sum;
}

/**
 * What one account event recorded on `day` changed in its scope's figures, as figures of their own
 * (so an event, a day and a period all add up the same way), in the account's currency.
 */
export function figuresChange(
  before: OpenedAccount | null,
  after: OpenedAccount,
  event: AccountEvent,
  day: IsoDate,
): { currency: string; figures: Figures } | undefined {
  if (!after.currency) return undefined;
  const change = emptyFigures();
  for (const invoice of Object.values(after.invoices)) {
    const previous = before && entryOf(before.invoices, invoice.invoiceId);
    adjust(change.outstanding, invoice.dueOn, outstanding(invoice) - (previous ? outstanding(previous) : 0));
  }
  const oldestBefore = before ? oldestOpenDue(before) : null;
  const oldestAfter = oldestOpenDue(after);
  if (oldestBefore !== oldestAfter) {
    if (oldestBefore) adjust(change.accountsByOldestDue, oldestBefore, -1);
    if (oldestAfter) adjust(change.accountsByOldestDue, oldestAfter, 1);
  }
  if (isPastDue(oldestBefore, day) && !isPastDue(oldestAfter, day)) change.cures = 1;
  eventFlows(change, before, event);
  return { currency: after.currency, figures: change };
}

const allocated = (allocations: Allocation[]) => allocations.reduce((sum, allocation) => sum + allocation.amount, 0);

/** The counters an event moves by itself: sales, collections, and the collections workflow's. */
function eventFlows(change: Flows, before: OpenedAccount | null, event: AccountEvent): void {
  switch (event.type) {
    case 'InvoiceIssued':
    case 'LateFeeAssessed':
      change.creditSales = event.data.amount;
      return;
    case 'EarlyPaymentDiscountApplied':
      change.discounted = event.data.amount;
      return;
    case 'PaymentReceived':
      paymentFlows(change, before, event);
      return;
    case 'PlanAgreed':
      change.plansAgreed = 1;
      return;
    case 'PlanCompleted':
      change.plansCompleted = 1;
      return;
    case 'PromiseKept':
      change.promisesKept = 1;
      return;
    case 'PromiseBroken':
      change.promisesBroken = 1;
      return;
    case 'ContactAttempted':
      if (event.data.direction !== 'outbound') return;
      change.outboundContacts = 1;
      if (event.data.outcome === 'right_party_contact') change.rightPartyContacts = 1;
      return;
    case 'SettlementAgreed':
      change.settlementsAgreed = 1;
      return;
    case 'SettlementCompleted':
      change.settlementsCompleted = 1;
      change.writtenOff = allocated(event.data.writtenOff);
      return;
    case 'DebtWrittenOff':
      change.writtenOff = allocated(event.data.allocations);
      return;
    case 'PlacedWithAgency':
      change.placedWithAgency = event.data.balance;
      return;
    default:
      return;
  }
}

/** A payment's collections: in all, by an agency, and by the strategy arm of each invoice it paid. */
function paymentFlows(change: Flows, before: OpenedAccount | null, { data }: PaymentReceived): void {
  change.collected = data.amount;
  if (data.agencyId) change.collectedByAgency = data.amount;
  for (const { invoiceId, amount } of data.allocations) {
    const arm = (before && entryOf(before.invoices, invoiceId))?.timeline?.arm;
    if (arm === 'champion') change.collectedChampion += amount;
    if (arm === 'challenger') change.collectedChallenger += amount;
  }
}

const oldestOpenDue = (account: OpenedAccount): IsoDate | null => openInvoicesOldestFirst(account)[0]?.dueOn ?? null;
const isPastDue = (oldestDue: IsoDate | null, day: IsoDate) => oldestDue !== null && oldestDue < day;

/** The sum of two days' (or a total's and a day's) figures; never mutates its inputs. */
export function addFigures(total: Figures, day: Figures): Figures {
  const next: Figures = { outstanding: { ...total.outstanding }, accountsByOldestDue: { ...total.accountsByOldestDue }, ...addFlows(total, day) };
  for (const [dueOn, amount] of Object.entries(day.outstanding)) adjust(next.outstanding, dueOn, amount);
  for (const [dueOn, count] of Object.entries(day.accountsByOldestDue)) adjust(next.accountsByOldestDue, dueOn, count);
  return next;
}

/** Adds to a keyed total, dropping keys that come to zero so the maps stay small. */
function adjust(totals: Record<string, number>, key: string, amount: number): void {
  const value = (entryOf(totals, key) ?? 0) + amount;
  if (value === 0) Reflect.deleteProperty(totals, key);
  else totals[key] = value;
}
