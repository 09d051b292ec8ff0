import fc from 'fast-check';
import { addDays, type AccountEvent, type IsoDate } from '@arrears/domain';
import { adjust, addChange, type FigureChange, type InvoiceMove } from './kpi-figures';
import { emptyLedger, ledgerAfter, type ExitCause } from './kpi-ledger';

/** A fact as the ledger reads it: the event (its type, plan and outcome), its business day, what it moved. */
interface Fact {
  event: AccountEvent;
  day: IsoDate;
  moves: InvoiceMove[];
}

// Late in a year, so that facts fall on both sides of a year's end.
const start = '2025-11-20';
// Ids a client may choose: a lookup by plain property would take these for Object.prototype's.
const invoiceIds = ['inv-0', '__proto__', 'constructor'];
const planIds = ['plan-a', '__proto__'];
const dueDates = new Map(invoiceIds.map((invoiceId, k) => [invoiceId, addDays(start, 10 + 15 * k)]));
const dueOf = (invoiceId: string) => dueDates.get(invoiceId);
const move = (invoiceId: string, moved: number): InvoiceMove => ({ invoiceId, dueOn: dueDates.get(invoiceId) as IsoDate, moved });
const usd = { currency: 'USD' };

/** The events that move an invoice's open amount, each with the sign it moves it by. */
function moving(invoiceId: string, amount: number, on: IsoDate) {
  const allocations = [{ invoiceId, amount }];
  const payment = { paymentId: 'pay-1', amount, ...usd, receivedOn: on, method: 'card', allocations, installmentAllocations: [], credited: 0 };
  const reversal = { reversalId: 'rev-1', paymentId: 'pay-1', amount, ...usd, reversedOn: on, reason: 'chargeback' as const, creditReversed: 0, allocations };
  const events: Record<string, [AccountEvent, 1 | -1]> = {
    issued: [
      { type: 'InvoiceIssued', data: { invoiceId, amount, ...usd, issuedOn: on, dueOn: dueDates.get(invoiceId) as IsoDate, terms: { graceDays: 0 } } },
      1,
    ],
    feeAssessed: [{ type: 'LateFeeAssessed', data: { invoiceId, amount, ...usd, assessedOn: on, rule: { type: 'flat', amount } } }, 1],
    reversed: [{ type: 'PaymentReversed', data: { ...reversal, spentCreditReopened: [], installmentAllocations: [], discountsWithdrawn: [] } }, 1],
    paid: [{ type: 'PaymentReceived', data: payment }, -1],
    credited: [{ type: 'CreditApplied', data: { invoiceId, amount, ...usd } }, -1],
    discounted: [{ type: 'EarlyPaymentDiscountApplied', data: { invoiceId, paymentId: 'pay-1', amount, ...usd, percent: 2 } }, -1],
    writtenOff: [{ type: 'DebtWrittenOff', data: { reason: 'Small balance.', allocations } }, -1],
    disputeUpheld: [{ type: 'DisputeResolved', data: { disputeId: 'disp-1', outcome: 'upheld', adjustments: allocations } }, -1],
    settled: [{ type: 'SettlementCompleted', data: { settlementId: 'set-1', paymentId: 'pay-1', writtenOff: allocations } }, -1],
  };
  return events;
}

/** A fact of `kind` (a key of `moving`) on `invoiceId`, moving it by its sign and `amount`. */
const moved = (kind: string, invoiceId: string, amount: number, day: IsoDate): Fact => {
  const [event, sign] = moving(invoiceId, amount, day)[kind] as [AccountEvent, 1 | -1];
  return { event, day, moves: [move(invoiceId, sign * amount)] };
};

/** The events that start or end a plan over some invoices. */
const planning = (planId: string, covers: string[]): AccountEvent[] => [
  { type: 'PlanAgreed', data: { planId, ...usd, agreedOn: start, installments: [], covers: covers.map((invoiceId) => ({ invoiceId, amount: 100 })) } },
  { type: 'PlanBroken', data: { planId, missedInstallments: 1, remaining: 100 } },
  { type: 'PlanCompleted', data: { planId, paymentId: 'pay-1' } },
];

/** Amounts from a few, so that balances come to exactly nothing and a day's moves cancel out. */
const amount = fc.constantFrom(100, 200, 300);
const on = fc.nat(90).map((day) => addDays(start, day));

const fact: fc.Arbitrary<Fact> = fc.oneof(
  fc
    .record({ kind: fc.constantFrom(...Object.keys(moving('', 0, start))), invoiceId: fc.constantFrom(...invoiceIds), amount, day: on })
    .map(({ kind, invoiceId, amount, day }) => moved(kind, invoiceId, amount, day)),
  // A rejected dispute moves nothing, and ends no delinquency.
  on.map((day): Fact => ({ event: { type: 'DisputeResolved', data: { disputeId: 'disp-1', outcome: 'rejected', adjustments: [] } }, day, moves: [] })),
  fc
    .record({ planId: fc.constantFrom(...planIds), covers: fc.subarray(invoiceIds, { minLength: 1 }), day: on, kind: fc.nat(2) })
    .map(({ planId, covers, day, kind }): Fact => ({ event: planning(planId, covers)[kind] as AccountEvent, day, moves: [] })),
);

/** Folds facts into the ledger as they arrive: after each, what every restatement so far adds up to, by day. */
function restatedTotals(facts: Fact[]): Map<IsoDate, FigureChange>[] {
  let ledger = emptyLedger();
  const totals = new Map<IsoDate, FigureChange>();
  return facts.map(({ event, day, moves }) => {
    const next = ledgerAfter(ledger, moves, event, day, dueOf);
    ledger = next.ledger;
    for (const [landing, change] of Object.entries(next.restated)) totals.set(landing, addChange(totals.get(landing) ?? {}, change));
    return new Map([...totals].filter(([, change]) => Object.keys(change).length));
  });
}

/** What the last of `facts` restated, folded after the others. */
const restatedBy = (facts: Fact[]) => {
  const ledger = facts.slice(0, -1).reduce((folded, { event, day, moves }) => ledgerAfter(folded, moves, event, day, dueOf).ledger, emptyLedger());
  const { event, day, moves } = facts[facts.length - 1] as Fact;
  return ledgerAfter(ledger, moves, event, day, dueOf).restated;
};

/**
 * The account's delinquency figures by definition, from every fact at once: walking every day on which
 * an amount or a plan moved, the due date of the oldest open invoice outside a plan in force at its end,
 * the account counted under it, and, on a day that ended a delinquency, how it ended.
 */
function byDefinition(facts: Fact[]): Map<IsoDate, FigureChange> {
  const moved = new Map<IsoDate, Map<string, number>>();
  const plans = new Map<string, { covers: string[]; from: IsoDate; to: IsoDate | null }>();
  const causesOn = new Map<IsoDate, ExitCause[]>();
  for (const { event, day, moves } of facts) {
    for (const { invoiceId, moved: amount } of moves) {
      const onDay = moved.get(day) ?? new Map<string, number>();
      moved.set(day, onDay.set(invoiceId, (onDay.get(invoiceId) ?? 0) + amount));
    }
    if (event.type === 'PlanAgreed') plans.set(event.data.planId, { covers: event.data.covers.map(({ invoiceId }) => invoiceId), from: day, to: null });
    const plan = event.type === 'PlanBroken' || event.type === 'PlanCompleted' ? plans.get(event.data.planId) : undefined;
    if (plan) plan.to = day;
    // An outcome of its own counts only if it took something off an invoice already past due that day.
    const cause = causeOf(
      event,
      (outcome) =>
        ['payment', 'arrangement'].includes(outcome) || moves.some(({ invoiceId, moved }) => moved < 0 && (dueDates.get(invoiceId) as IsoDate) < day),
    );
    if (cause) causesOn.set(day, [...(causesOn.get(day) ?? []), cause]);
  }
  const days = [...new Set([...moved.keys(), ...[...plans.values()].flatMap(({ from, to }) => (to ? [from, to] : [from]))])].sort();
  const open = new Map<string, number>();
  const derived = new Map<IsoDate, FigureChange>();
  let previous: IsoDate | null = null;
  for (const day of days) {
    for (const [invoiceId, amount] of moved.get(day) ?? []) open.set(invoiceId, (open.get(invoiceId) ?? 0) + amount);
    const covered = [...plans.values()].filter(({ from, to }) => from <= day && (to === null || day < to)).flatMap(({ covers }) => covers);
    const dues = [...open].filter(([invoiceId, amount]) => amount > 0 && !covered.includes(invoiceId)).map(([invoiceId]) => dueDates.get(invoiceId) as IsoDate);
    const oldest = dues.sort()[0] ?? null;
    const change: FigureChange = {};
    if (oldest !== previous) {
      change.accountsByOldestDue = {};
      if (previous) adjust(change.accountsByOldestDue, previous, -1);
      if (oldest) adjust(change.accountsByOldestDue, oldest, 1);
    }
    const [pastDueAtStart, pastDueAtEnd] = [previous !== null && previous < day, oldest !== null && oldest < day];
    if (pastDueAtStart && !pastDueAtEnd) Object.assign(change, exitBy(causesOn.get(day) ?? []));
    if (!pastDueAtStart && pastDueAtEnd) change.delinquenciesBegun = 1;
    if (Object.keys(change).length) derived.set(day, change);
    previous = oldest;
  }
  return derived;
}

const causeByType: Partial<Record<AccountEvent['type'], ExitCause>> = {
  PaymentReceived: 'payment',
  CreditApplied: 'payment',
  EarlyPaymentDiscountApplied: 'payment',
  PlanAgreed: 'arrangement',
  SettlementCompleted: 'settlement',
  DebtWrittenOff: 'write_off',
  DisputeResolved: 'dispute_upheld',
};

const causeOf = (event: AccountEvent, counts: (outcome: ExitCause) => boolean): ExitCause | undefined => {
  const outcome = event.type === 'DisputeResolved' && event.data.outcome !== 'upheld' ? undefined : causeByType[event.type];
  return outcome && counts(outcome) ? outcome : undefined;
};

const exitBy = (causes: ExitCause[]): FigureChange => {
  if (causes.includes('settlement')) return { delinquencySettled: 1 };
  if (causes.includes('write_off')) return { delinquencyWrittenOff: 1 };
  if (causes.includes('dispute_upheld')) return { delinquencyDisputeUpheld: 1 };
  if (causes.includes('payment')) return { cures: 1 };
  return causes.includes('arrangement') ? { cures: 1, curesByArrangement: 1 } : {};
};

describe('the KPI ledger: who was delinquent, worked out again from the day a fact lands on', () => {
  it('adds up, after every fact and in any order of arrival, to the figures of every fact at once', () => {
    fc.assert(
      fc.property(fc.array(fact, { minLength: 1, maxLength: 25 }), (facts) => {
        const totals = restatedTotals(facts);
        facts.forEach((_, k) => {
          expect(totals[k]).toEqual(byDefinition(facts.slice(0, k + 1)));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('a payment recorded late restates its own day and the later day it changes, and nothing before its day', () => {
    const restated = restatedBy([
      moved('issued', 'inv-0', 100, start),
      moved('issued', 'constructor', 100, addDays(start, 40)),
      moved('paid', 'inv-0', 100, addDays(start, 20)),
    ]);
    // inv-0 (due on day 10) is no longer the oldest from day 20, and from day 40 constructor's (due that day) is.
    expect(restated).toEqual({
      [addDays(start, 20)]: { accountsByOldestDue: { [addDays(start, 10)]: -1 }, cures: 1 },
      [addDays(start, 40)]: { accountsByOldestDue: { [addDays(start, 40)]: 1 } },
    });
  });

  it('a plan agreed again from a later day restates the days it no longer covers, before the day it was agreed again', () => {
    const [agreed] = planning('plan-a', ['inv-0']) as [AccountEvent];
    const restated = restatedBy([
      moved('issued', 'inv-0', 100, start),
      { event: agreed, day: addDays(start, 15), moves: [] },
      { event: agreed, day: addDays(start, 25), moves: [] },
    ]);
    // inv-0, due on day 10, was covered from day 15 (a cure by arrangement): now it is collectible until day 25.
    expect(restated).toEqual({
      [addDays(start, 15)]: { accountsByOldestDue: { [addDays(start, 10)]: 1 }, cures: -1, curesByArrangement: -1 },
      [addDays(start, 25)]: { accountsByOldestDue: { [addDays(start, 10)]: -1 }, cures: 1, curesByArrangement: 1 },
    });
  });
});
