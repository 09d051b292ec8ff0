import {
  entryOf,
  isConversation,
  setEntry,
  outstanding,
  sharedEntryOf,
  type AccountEvent,
  type AccountScore,
  type Allocation,
  type ContactAttempted,
  type IsoDate,
  type OpenedAccount,
  type PaymentReversed,
} from '@arrears/domain';

/**
 * The figures of one scope (a creditor, or the portfolio) in one currency: what one business day
 * changed, or, summed over the days up to one, the totals at its end, from which every KPI is
 * computed. Amounts are minor units; summed counters only ever grow, so a period's flow is the
 * difference between two days' totals. Stored sparse: a figure a day did not change is absent.
 */
export interface Figures {
  /** Open receivables by due date: aging on any day is a sum over these. */
  outstanding: Record<IsoDate, number>;
  /** Accounts with something to collect (outside a plan), by the due date of their oldest such invoice. */
  accountsByOldestDue: Record<IsoDate, number>;
  /** Placed with and collected by each agency. */
  agencies: Record<string, AgencyFlows>;
  /** Invoiced on credit, net of early-payment discounts; late fees are apart. */
  creditSales: number;
  lateFees: number;
  collected: number;
  discounted: number;
  /** Delinquent accounts back to current by a payment (or credit), or by an arrangement (a plan). */
  cures: number;
  curesByArrangement: number;
  /** Accounts a day's facts made past due that were not as the day began (a cure rate's spells, with those an oldest due date's passing begins). */
  delinquenciesBegun: number;
  /** Delinquent accounts that left delinquency otherwise: these are outcomes of their own, not cures. */
  delinquencySettled: number;
  delinquencyWrittenOff: number;
  delinquencyDisputeUpheld: number;
  plansAgreed: number;
  plansCompleted: number;
  promisesKept: number;
  promisesBroken: number;
  outboundContacts: number;
  /** Outbound calls: the dials a right-party contact rate is taken over. */
  callAttempts: number;
  /** Outbound calls that reached the debtor. */
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
  /** Payments from accounts by the risk segment and the scoring arm of their score before the payment. */
  collectedLowRisk: number;
  collectedMediumRisk: number;
  collectedHighRisk: number;
  collectedScoringChampion: number;
  collectedScoringChallenger: number;
}

export interface AgencyFlows {
  placed: number;
  collected: number;
}

type Keyed = 'outstanding' | 'accountsByOldestDue' | 'agencies';

/** The summed counters of the figures: they only ever grow. */
export type Flows = Omit<Figures, Keyed>;

/** A change as stored: only what moved. */
export type FigureChange = Partial<Figures>;

export const noFlows: Flows = {
  creditSales: 0,
  lateFees: 0,
  collected: 0,
  discounted: 0,
  cures: 0,
  curesByArrangement: 0,
  delinquenciesBegun: 0,
  delinquencySettled: 0,
  delinquencyWrittenOff: 0,
  delinquencyDisputeUpheld: 0,
  plansAgreed: 0,
  plansCompleted: 0,
  promisesKept: 0,
  promisesBroken: 0,
  outboundContacts: 0,
  callAttempts: 0,
  rightPartyContacts: 0,
  settlementsAgreed: 0,
  settlementsCompleted: 0,
  writtenOff: 0,
  placedWithAgency: 0,
  collectedByAgency: 0,
  collectedChampion: 0,
  collectedChallenger: 0,
  collectedLowRisk: 0,
  collectedMediumRisk: 0,
  collectedHighRisk: 0,
  collectedScoringChampion: 0,
  collectedScoringChallenger: 0,
};
export const flowNames = Object.keys(noFlows) as (keyof Flows)[];

/** A counter as stored: a change that did not move it has none, and counts 0. */
export const counted = (flows: Partial<Flows>, name: keyof Flows): number => flows[name] ?? 0;

/**
 * What one account event changed in its scope's figures on its business day: the open amounts it
 * moved (from folding the account before and after it), by due date, and the event's own counters.
 * Who is delinquent is the account's ledger's to say (see kpi-ledger.ts), across days.
 */
export function figuresChange(
  before: OpenedAccount | null,
  event: AccountEvent,
  moves: InvoiceMove[],
  scoreBefore: () => AccountScore | null = () => null,
): FigureChange {
  const change = outstandingChange(moves);
  eventFlows(change, before, event);
  // Scored only for a collection: most events collect nothing.
  const score = change.collected ? scoreBefore() : null;
  if (score && change.collected) scoredCollections(change, score, change.collected);
  return change;
}

const bySegment = { low: 'collectedLowRisk', medium: 'collectedMediumRisk', high: 'collectedHighRisk' } as const;
const byScoringArm = { champion: 'collectedScoringChampion', challenger: 'collectedScoringChallenger' } as const;

/**
 * What a payment (or, negative, a reversal) collected, by the risk segment and scoring arm the account
 * was in before it: the score it was worked on, not the one the payment itself earns.
 */
function scoredCollections(change: FigureChange, score: AccountScore, collected: number): void {
  change[bySegment[score.segment]] = collected;
  change[byScoringArm[score.arm]] = collected;
}

/** What the moves change of receivables, by due date. */
export function outstandingChange(moves: InvoiceMove[]): FigureChange {
  const change: FigureChange = {};
  for (const { dueOn, moved } of moves) adjust((change.outstanding ??= {}), dueOn, moved);
  return change;
}

/** How much an invoice's open amount moved. */
export interface InvoiceMove {
  invoiceId: string;
  dueOn: IsoDate;
  moved: number;
}

/** Every invoice whose open amount (fees in, discounts and adjustments out) an event moved, by how much. */
export function invoiceMoves(before: OpenedAccount | null, after: OpenedAccount): InvoiceMove[] {
  const moves: InvoiceMove[] = [];
  for (const invoice of Object.values(after.invoices)) {
    const previous = before && entryOf(before.invoices, invoice.invoiceId);
    const moved = outstanding(invoice) - (previous ? outstanding(previous) : 0);
    if (moved !== 0) moves.push({ invoiceId: invoice.invoiceId, dueOn: invoice.dueOn, moved });
  }
  return moves;
}

const allocated = (allocations: Allocation[]) => allocations.reduce((sum, allocation) => sum + allocation.amount, 0);

/** The counters an event moves by itself: sales, collections, and the collections workflow's. */
function eventFlows(change: FigureChange, before: OpenedAccount | null, event: AccountEvent): void {
  switch (event.type) {
    case 'InvoiceIssued':
      change.creditSales = event.data.amount;
      return;
    case 'LateFeeAssessed':
      change.lateFees = event.data.amount;
      return;
    case 'EarlyPaymentDiscountApplied':
      change.discounted = event.data.amount;
      change.creditSales = -event.data.amount;
      return;
    case 'PaymentReceived':
      paymentFlows(change, before, event.data, 1);
      return;
    case 'PaymentReversed':
      reversalFlows(change, before, event);
      return;
    case 'PlanAgreed':
      change.plansAgreed = 1;
      return;
    case 'PlanCompleted':
      change.plansCompleted = 1;
      return;
    case 'PromiseKept':
      change.promisesKept = 1;
      // Kept by a payment recorded after the promise was broken: on its date it was not broken after all.
      if (before && entryOf(before.promises, event.data.promiseId)?.status === 'broken') change.promisesBroken = -1;
      return;
    case 'PromiseBroken':
      change.promisesBroken = 1;
      return;
    case 'ContactAttempted':
      contactFlows(change, event.data);
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
      change.agencies = { [event.data.agencyId]: { placed: event.data.balance, collected: 0 } };
      return;
    default:
      return;
  }
}

/**
 * Letters, e-mails and texts are contacts, not dials: only outbound calls count towards the right-party rate. A call
 * that reached the debtor is a right-party contact whatever they said, a refusal to pay included: the same rule that
 * makes it a conversation for the quiet days (`isConversation`).
 */
function contactFlows(change: FigureChange, { direction, channel, outcome }: ContactAttempted['data']): void {
  if (direction !== 'outbound') return;
  change.outboundContacts = 1;
  if (channel !== 'call') return;
  change.callAttempts = 1;
  if (isConversation(channel, outcome)) change.rightPartyContacts = 1;
}

/**
 * A payment's collections: in all, by an agency, and by the strategy arm of each invoice it paid;
 * `sign` −1 takes a reversed part back on the reversal's day (the payment's day keeps what it collected then).
 */
function paymentFlows(
  change: FigureChange,
  before: OpenedAccount | null,
  data: { amount: number; agencyId?: string | undefined; allocations: Allocation[] },
  sign: 1 | -1,
): void {
  const amount = sign * data.amount;
  change.collected = amount;
  if (data.agencyId) {
    change.collectedByAgency = amount;
    change.agencies = { [data.agencyId]: { placed: 0, collected: amount } };
  }
  for (const allocation of data.allocations) {
    const arm = (before && entryOf(before.invoices, allocation.invoiceId))?.timeline?.arm;
    if (arm === 'champion') change.collectedChampion = counted(change, 'collectedChampion') + sign * allocation.amount;
    if (arm === 'challenger') change.collectedChallenger = counted(change, 'collectedChallenger') + sign * allocation.amount;
  }
}

/** A reversal takes back its payment's collections (by the agency that collected it) and the discounts it withdraws. */
function reversalFlows(change: FigureChange, before: OpenedAccount | null, { data }: PaymentReversed): void {
  const agencyId = (before && sharedEntryOf(before.payments, data.paymentId))?.agencyId ?? undefined;
  paymentFlows(change, before, { amount: data.amount, agencyId, allocations: [...data.spentCreditReopened, ...data.allocations] }, -1);
  const withdrawn = allocated(data.discountsWithdrawn);
  if (withdrawn) {
    change.discounted = -withdrawn;
    change.creditSales = withdrawn;
  }
}

/** Adds a change into a running sum of changes (a day's, or a day's later restatements); never mutates `more`. */
export function addChange(total: FigureChange, more: FigureChange): FigureChange {
  // Built up, not copied and pruned: deleting keys would turn every sum into a slow dictionary object.
  const sum: FigureChange = {};
  for (const name of flowNames) {
    const value = counted(total, name) + counted(more, name);
    if (value !== 0) sum[name] = value;
  }
  const outstanding = addKeyed(total.outstanding, more.outstanding);
  const accountsByOldestDue = addKeyed(total.accountsByOldestDue, more.accountsByOldestDue);
  const agencies = addAgencies(total.agencies, more.agencies);
  if (hasEntries(outstanding)) sum.outstanding = outstanding;
  if (hasEntries(accountsByOldestDue)) sum.accountsByOldestDue = accountsByOldestDue;
  if (hasEntries(agencies)) sum.agencies = agencies;
  return sum;
}

function hasEntries<Entries extends object>(record: Entries | undefined): record is Entries {
  for (const key in record) if (Object.hasOwn(record, key)) return true;
  return false;
}

/**
 * A keyed total with `more` added. A month's totals hold a key for every due date its facts moved (dozens),
 * and most facts move none: then the total itself is the sum, shared, not copied (no map kept in a
 * document is ever changed in place: `adjust` works on fresh copies only).
 */
function addKeyed(total: Record<string, number> | undefined, more: Record<string, number> | undefined): Record<string, number> | undefined {
  if (!hasEntries(more)) return total;
  const sum = { ...total };
  for (const [key, amount] of Object.entries(more)) adjust(sum, key, amount);
  return sum;
}

function addAgencies(total: Record<string, AgencyFlows> | undefined, more: Record<string, AgencyFlows> | undefined): Record<string, AgencyFlows> | undefined {
  if (!hasEntries(more)) return total;
  const sum = { ...total };
  for (const [agencyId, flows] of Object.entries(more)) {
    const so = entryOf(sum, agencyId) ?? { placed: 0, collected: 0 };
    setEntry(sum, agencyId, { placed: so.placed + flows.placed, collected: so.collected + flows.collected });
  }
  return sum;
}

/** Adds to a keyed total, dropping keys that come to zero so the maps stay small. */
export function adjust(totals: Record<string, number>, key: string, amount: number): void {
  const value = (entryOf(totals, key) ?? 0) + amount;
  if (value === 0) Reflect.deleteProperty(totals, key);
  else setEntry(totals, key, value);
}
