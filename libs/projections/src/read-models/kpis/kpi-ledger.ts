import { entryOf, type AccountEvent, type IsoDate } from '@arrears/domain';
import { addChange, adjust, flowNames, type FigureChange, type Flows, type InvoiceMove } from './kpi-figures';

/** Why an account's delinquency ended on a day: what moved its open amounts or its arrangements then. */
export type ExitCause = 'settlement' | 'payment' | 'arrangement' | 'write_off' | 'dispute_upheld';

/**
 * What the KPIs keep of one account, by business day, to say when it was delinquent: facts arrive in
 * any order (an invoice imported today was issued in March), so who was delinquent on a day is worked
 * out again from the whole ledger whenever a fact lands, and only the difference is published.
 */
export interface KpiLedger {
  /** Each invoice's due date and the changes of its open amount, by business day. */
  invoices: Record<string, { dueOn: IsoDate; changes: Record<IsoDate, number> }>;
  /** Each plan's invoices and when it was in force: from the day it was agreed to the day it ended. */
  plans: Record<string, { covers: string[]; from: IsoDate; to: IsoDate | null }>;
  /** What moved on each business day. */
  causes: Record<IsoDate, ExitCause[]>;
  /** This account's part of its scope's figures that depend on the whole ledger, by business day. */
  derived: Record<IsoDate, FigureChange>;
}

export const emptyLedger = (): KpiLedger => ({ invoices: {}, plans: {}, causes: {}, derived: {} });

const causeOf = (event: AccountEvent): ExitCause | undefined => {
  switch (event.type) {
    case 'PaymentReceived':
    case 'CreditApplied':
    case 'EarlyPaymentDiscountApplied':
      return 'payment';
    case 'PlanAgreed':
      return 'arrangement';
    case 'SettlementCompleted':
      return 'settlement';
    case 'DebtWrittenOff':
      return 'write_off';
    case 'DisputeResolved':
      return event.data.outcome === 'upheld' ? 'dispute_upheld' : undefined;
    default:
      return undefined;
  }
};

/**
 * The ledger after an event of business day `day`, and what that changed in the account's derived
 * figures on each day from `day` on (the event cannot change an earlier day's).
 */
export function ledgerAfter(
  ledger: KpiLedger,
  moves: InvoiceMove[],
  event: AccountEvent,
  day: IsoDate,
): { ledger: KpiLedger; restated: Record<IsoDate, FigureChange> } {
  const moved = recordMoves(ledger, moves, day);
  const planned = recordPlan(ledger, event, day);
  const cause = causeOf(event);
  if (!moved && !planned && !cause) return { ledger, restated: {} };
  const next: KpiLedger = {
    invoices: moved?.invoices ?? ledger.invoices,
    plans: planned?.plans ?? ledger.plans,
    causes: cause ? { ...ledger.causes, [day]: [...(entryOf(ledger.causes, day) ?? []), cause] } : ledger.causes,
    derived: {},
  };
  next.derived = derivedFigures(next);
  return { ledger: next, restated: difference(ledger.derived, next.derived) };
}

/** The invoices' open amounts as the event changed them, on its day; undefined when none moved. */
function recordMoves(ledger: KpiLedger, moves: InvoiceMove[], day: IsoDate): Pick<KpiLedger, 'invoices'> | undefined {
  if (!moves.length) return undefined;
  const invoices = { ...ledger.invoices };
  for (const { invoiceId, dueOn, moved } of moves) {
    const changes = { ...entryOf(invoices, invoiceId)?.changes };
    adjust(changes, day, moved);
    invoices[invoiceId] = { dueOn, changes };
  }
  return { invoices };
}

/** A plan agreed starts covering its invoices on its day; one broken or completed stops on its day. */
function recordPlan(ledger: KpiLedger, event: AccountEvent, day: IsoDate): Pick<KpiLedger, 'plans'> | undefined {
  if (event.type === 'PlanAgreed') {
    const covers = event.data.covers.map(({ invoiceId }) => invoiceId);
    return { plans: { ...ledger.plans, [event.data.planId]: { covers, from: day, to: null } } };
  }
  if (event.type !== 'PlanBroken' && event.type !== 'PlanCompleted') return undefined;
  const plan = entryOf(ledger.plans, event.data.planId);
  return plan && { plans: { ...ledger.plans, [event.data.planId]: { ...plan, to: day } } };
}

/**
 * The account's delinquency, day by day, from its ledger: on each day something moved, the due date
 * of its oldest open invoice outside a plan in force (an account counts among `accountsByOldestDue`
 * under it), and, when that day ended its delinquency, how: a cure (by payment, or by arrangement)
 * or an outcome of its own (a settlement, a write-off, an upheld dispute).
 */
export function derivedFigures(ledger: KpiLedger): Record<IsoDate, FigureChange> {
  const movesByDay = new Map<IsoDate, [string, number][]>();
  for (const [invoiceId, { changes }] of Object.entries(ledger.invoices)) {
    for (const [day, amount] of Object.entries(changes)) movesByDay.set(day, [...(movesByDay.get(day) ?? []), [invoiceId, amount]]);
  }
  const plans = Object.values(ledger.plans);
  const days = [...new Set([...movesByDay.keys(), ...plans.flatMap(({ from, to }) => (to ? [from, to] : [from]))])].sort();
  const open = new Map<string, number>();
  const derived: Record<IsoDate, FigureChange> = {};
  let previous: IsoDate | null = null;
  for (const day of days) {
    for (const [invoiceId, amount] of movesByDay.get(day) ?? []) open.set(invoiceId, (open.get(invoiceId) ?? 0) + amount);
    const covered = new Set(plans.filter(({ from, to }) => from <= day && (to === null || day < to)).flatMap(({ covers }) => covers));
    const oldest = oldestCollectible(ledger, open, covered);
    const change: FigureChange = {};
    if (oldest !== previous) {
      change.accountsByOldestDue = {};
      if (previous) adjust(change.accountsByOldestDue, previous, -1);
      if (oldest) adjust(change.accountsByOldestDue, oldest, 1);
    }
    // Past due when the day began (its oldest due date before it), and no longer once the day's facts are in.
    if (previous !== null && previous < day && !(oldest !== null && oldest < day)) Object.assign(change, exit(entryOf(ledger.causes, day) ?? []));
    if (Object.keys(change).length) derived[day] = change;
    previous = oldest;
  }
  return derived;
}

function oldestCollectible(ledger: KpiLedger, open: Map<string, number>, covered: Set<string>): IsoDate | null {
  let oldest: IsoDate | null = null;
  for (const [invoiceId, amount] of open) {
    const dueOn = amount > 0 && !covered.has(invoiceId) ? entryOf(ledger.invoices, invoiceId)?.dueOn : undefined;
    if (dueOn && (oldest === null || dueOn < oldest)) oldest = dueOn;
  }
  return oldest;
}

/** How a delinquency ended, by what moved that day: a settlement is its own outcome even when paid. */
const exitOutcomes: [ExitCause, Partial<Flows>][] = [
  ['settlement', { delinquencySettled: 1 }],
  ['payment', { cures: 1 }],
  ['arrangement', { cures: 1, curesByArrangement: 1 }],
  ['write_off', { delinquencyWrittenOff: 1 }],
  ['dispute_upheld', { delinquencyDisputeUpheld: 1 }],
];

const exit = (causes: ExitCause[]): Partial<Flows> => exitOutcomes.find(([cause]) => causes.includes(cause))?.[1] ?? {};

/** What turns `from` into `to`, by day: the restatement a reader adds up. */
function difference(from: Record<IsoDate, FigureChange>, to: Record<IsoDate, FigureChange>): Record<IsoDate, FigureChange> {
  const restated: Record<IsoDate, FigureChange> = {};
  for (const day of new Set([...Object.keys(from), ...Object.keys(to)])) {
    const change = addChange(entryOf(to, day) ?? {}, negated(entryOf(from, day) ?? {}));
    if (Object.keys(change).length) restated[day] = change;
  }
  return restated;
}

function negated(change: FigureChange): FigureChange {
  const negative: FigureChange = {};
  for (const name of flowNames) if (change[name]) negative[name] = -(change[name]);
  if (change.accountsByOldestDue)
    negative.accountsByOldestDue = Object.fromEntries(Object.entries(change.accountsByOldestDue).map(([due, count]) => [due, -count]));
  return negative;
}
