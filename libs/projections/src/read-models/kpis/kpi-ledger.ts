import { entryOf, type AccountEvent, type IsoDate } from '@arrears/domain';
import { dayEntry, daysFrom, lastDayBefore, noDays, withDayEntry, type DayBuckets } from './day-buckets';
import { addChange, adjust, flowNames, type FigureChange, type Flows, type InvoiceMove } from './kpi-figures';

/** Why an account's delinquency ended on a day: what moved its open amounts or its arrangements then. */
export type ExitCause = 'settlement' | 'payment' | 'arrangement' | 'write_off' | 'dispute_upheld';

/** What moved on a business day. */
export interface DayFacts {
  /** How much each invoice's open amount moved that day (an invoice whose moves came to nothing is absent). */
  moves?: Record<string, number>;
  /** What moved that day that can end a delinquency, in the order recorded. */
  causes?: ExitCause[];
}

/** What the ledger keeps of a business day on which something moved: its facts, and where they left the account. */
export interface LedgerDay extends DayFacts {
  /**
   * The due date of the oldest invoice still open outside a plan in force at the day's end (null: none):
   * kept so that a fact of a later day starts from it, not from the account's first day.
   */
  oldest: IsoDate | null;
}

/**
 * What the KPIs keep of one account, by business day, to say when it was delinquent: facts arrive in
 * any order (an invoice imported today was issued in March), so who was delinquent is worked out
 * again from the day a fact lands on, and only the difference is published.
 */
export interface KpiLedger {
  /** Each invoice's open amount with every fact so far in (an invoice with nothing open is absent). */
  open: Record<string, number>;
  /** Each plan's invoices and when it was in force: from the day it was agreed to the day it ended. */
  plans: Record<string, { covers: string[]; from: IsoDate; to: IsoDate | null }>;
  /** Each business day on which something moved. */
  days: DayBuckets<LedgerDay>;
}

export const emptyLedger = (): KpiLedger => ({ open: {}, plans: {}, days: noDays() });

/** An invoice's due date, as the account keeps it (it never changes once issued). */
export type DueDates = (invoiceId: string) => IsoDate | undefined;

/**
 * What an event may have ended a delinquency by. A settlement, a write-off or an upheld dispute counts only if it took
 * something off an invoice past due that day: a goodwill write-off of a current invoice on the day a payment cured
 * the account leaves it a cure.
 */
const causeOf = (event: AccountEvent, moves: InvoiceMove[], day: IsoDate): ExitCause | undefined => {
  const outcome = exitOutcomeOf(event);
  if (outcome === 'payment' || outcome === 'arrangement') return outcome;
  return outcome && moves.some(({ dueOn, moved }) => moved < 0 && dueOn < day) ? outcome : undefined;
};

const exitOutcomeOf = (event: AccountEvent): ExitCause | undefined => {
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
 * figures on each day from `day` on, or from the earlier day a plan agreed again or ended again already
 * had (a day's facts cannot change an earlier day's). Only the days kept from there on are worked out
 * again: one for a fact recorded in business order, whatever the account's age; for a late fact, the
 * days kept since its own.
 */
export function ledgerAfter(
  ledger: KpiLedger,
  moves: InvoiceMove[],
  event: AccountEvent,
  day: IsoDate,
  dueOf: DueDates,
): { ledger: KpiLedger; restated: Record<IsoDate, FigureChange> } {
  const planned = recordPlan(ledger.plans, event, day);
  const cause = causeOf(event, moves, day);
  if (!moves.length && !planned && !cause) return { ledger, restated: {} };
  const kept = dayEntry(ledger.days, day);
  const recorded: DayFacts = {};
  const dayMoves = movedBy(kept?.moves ?? {}, moves);
  if (Object.keys(dayMoves).length) recorded.moves = dayMoves;
  const causes = cause ? [...(kept?.causes ?? []), cause] : kept?.causes;
  if (causes) recorded.causes = causes;
  const after = { open: movedBy(ledger.open, moves), plans: planned?.plans ?? ledger.plans };
  return restatedFrom(ledger, after, planned?.since ?? day, day, recorded, dueOf);
}

/** `amounts` with each move added; an invoice whose amount comes to nothing is left out. */
function movedBy(amounts: Readonly<Record<string, number>>, moves: InvoiceMove[]): Record<string, number> {
  const sums = { ...amounts };
  for (const { invoiceId, moved } of moves) adjust(sums, invoiceId, moved);
  return sums;
}

/**
 * A plan agreed starts covering its invoices on its day; one broken or completed stops on its day. `since`:
 * the earliest day that changes, which is earlier than the event's when it moves a day the plan already had.
 */
function recordPlan(plans: KpiLedger['plans'], event: AccountEvent, day: IsoDate): { plans: KpiLedger['plans']; since: IsoDate } | undefined {
  const earliest = (other: IsoDate | null | undefined) => (other && other < day ? other : day);
  if (event.type === 'PlanAgreed') {
    const covers = event.data.covers.map(({ invoiceId }) => invoiceId);
    const since = earliest(entryOf(plans, event.data.planId)?.from);
    return { plans: { ...plans, [event.data.planId]: { covers, from: day, to: null } }, since };
  }
  if (event.type !== 'PlanBroken' && event.type !== 'PlanCompleted') return undefined;
  const plan = entryOf(plans, event.data.planId);
  return plan && { plans: { ...plans, [event.data.planId]: { ...plan, to: day } }, since: earliest(plan.to) };
}

/**
 * Works out again each day kept from `since` on, and `recordedOn` (at or after it) with its facts now
 * `recorded`, by the open amounts and plans of `after`, from the open amounts at the end of the day
 * before `since`: each day's oldest due date, and what its figures gained over those `before` had (the
 * restatement a reader adds up). A day is written again only when its facts or its oldest due date changed.
 */
function restatedFrom(
  before: KpiLedger,
  after: Omit<KpiLedger, 'days'>,
  since: IsoDate,
  recordedOn: IsoDate,
  recorded: DayFacts,
  dueOf: DueDates,
): { ledger: KpiLedger; restated: Record<IsoDate, FigureChange> } {
  const walkedDays = [...new Set([...daysFrom(before.days, since), recordedOn])].sort();
  // Each day as `before` kept it (absent for a day first recorded now) and with its facts now.
  const walked = walkedDays.map((day) => {
    const was = dayEntry(before.days, day);
    return { day, was, facts: day === recordedOn ? recorded : (was as LedgerDay) };
  });
  const open = new Map(Object.entries(after.open));
  for (const { facts } of walked) addMoves(open, facts.moves, -1);
  const earlier = lastDayBefore(before.days, since);
  let previous = (earlier && dayEntry(before.days, earlier)?.oldest) ?? null;
  let previousBefore = previous;
  let days = before.days;
  const restated: Record<IsoDate, FigureChange> = {};
  for (const { day, was, facts } of walked) {
    addMoves(open, facts.moves, 1);
    const oldest = oldestCollectible(open, covered(after.plans, day), dueOf);
    const figures = delinquencyOn(day, previous, oldest, facts.causes);
    const figuresBefore = was ? delinquencyOn(day, previousBefore, was.oldest, was.causes) : {};
    // Most days had no figures before, and `figures` holds no zeros: it is the change as it is.
    const change = Object.keys(figuresBefore).length ? addChange(figures, negated(figuresBefore)) : figures;
    if (Object.keys(change).length) restated[day] = change;
    if (day === recordedOn || oldest !== was?.oldest) days = withDayEntry(days, day, { ...facts, oldest });
    if (was) previousBefore = was.oldest;
    previous = oldest;
  }
  return { ledger: { ...after, days }, restated };
}

function addMoves(open: Map<string, number>, moves: Readonly<Record<string, number>> | undefined, sign: 1 | -1): void {
  for (const [invoiceId, moved] of Object.entries(moves ?? {})) open.set(invoiceId, (open.get(invoiceId) ?? 0) + sign * moved);
}

/** The invoices of the plans in force on `day`: from the day a plan was agreed, until the day it ended. */
const covered = (plans: KpiLedger['plans'], day: IsoDate): Set<string> =>
  new Set(
    Object.values(plans)
      .filter(({ from, to }) => from <= day && (to === null || day < to))
      .flatMap(({ covers }) => covers),
  );

function oldestCollectible(open: Map<string, number>, covered: Set<string>, dueOf: DueDates): IsoDate | null {
  let oldest: IsoDate | null = null;
  for (const [invoiceId, amount] of open) {
    const dueOn = amount > 0 && !covered.has(invoiceId) ? dueOf(invoiceId) : undefined;
    if (dueOn && (oldest === null || dueOn < oldest)) oldest = dueOn;
  }
  return oldest;
}

/**
 * The account's delinquency figures on a day from the due date of its oldest collectible invoice at
 * the end of the day before (`previous`) and of the day: under which due date it counts among
 * `accountsByOldestDue`, and, when the day ended its delinquency, how: a cure (by payment, or by
 * arrangement) or an outcome of its own (a settlement, a write-off, an upheld dispute).
 */
function delinquencyOn(day: IsoDate, previous: IsoDate | null, oldest: IsoDate | null, causes: ExitCause[] = []): FigureChange {
  const change: FigureChange = {};
  if (oldest !== previous) {
    change.accountsByOldestDue = {};
    if (previous) adjust(change.accountsByOldestDue, previous, -1);
    if (oldest) adjust(change.accountsByOldestDue, oldest, 1);
  }
  // Past due when the day began (its oldest due date before it), and no longer once the day's facts are in; or the reverse.
  const [pastDueAtStart, pastDueAtEnd] = [previous !== null && previous < day, oldest !== null && oldest < day];
  if (pastDueAtStart && !pastDueAtEnd) Object.assign(change, exit(causes));
  if (!pastDueAtStart && pastDueAtEnd) change.delinquenciesBegun = 1;
  return change;
}

/**
 * How a delinquency ended, by what moved that day: a settlement, a write-off and an upheld dispute are outcomes of
 * their own even when a payment came the same day (a part payment and the rest written off is a write-off); only
 * a day that ended it by payment or arrangement alone cures it.
 */
const exitOutcomes: [ExitCause, Partial<Flows>][] = [
  ['settlement', { delinquencySettled: 1 }],
  ['write_off', { delinquencyWrittenOff: 1 }],
  ['dispute_upheld', { delinquencyDisputeUpheld: 1 }],
  ['payment', { cures: 1 }],
  ['arrangement', { cures: 1, curesByArrangement: 1 }],
];

const exit = (causes: ExitCause[]): Partial<Flows> => exitOutcomes.find(([cause]) => causes.includes(cause))?.[1] ?? {};

function negated(change: FigureChange): FigureChange {
  const negative: FigureChange = {};
  for (const name of flowNames) if (change[name]) negative[name] = -change[name];
  if (change.accountsByOldestDue)
    negative.accountsByOldestDue = Object.fromEntries(Object.entries(change.accountsByOldestDue).map(([due, count]) => [due, -count]));
  return negative;
}
