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

const start = '2026-01-01';
// Ids a client may choose: a lookup by plain property would take these for Object.prototype's.
const invoiceIds = ['inv-0', '__proto__', 'constructor'];
const dueDates = new Map(invoiceIds.map((invoiceId, k) => [invoiceId, addDays(start, 10 + 15 * k)]));
const move = (invoiceId: string, moved: number): InvoiceMove => ({ invoiceId, dueOn: dueDates.get(invoiceId) as IsoDate, moved });
const usd = { currency: 'USD' };

/** One fact of each kind that moves the ledger, on a day and an invoice the generator picks. */
const fact = fc
  .record({ kind: fc.nat(8), invoice: fc.nat(2), day: fc.nat(90), amount: fc.integer({ min: 1, max: 5_000 }) })
  .map(({ kind, invoice, day, amount }): Fact => {
    const invoiceId = invoiceIds[invoice] as string;
    const on = addDays(start, day);
    const paid = {
      paymentId: `pay-${day}`,
      amount,
      ...usd,
      receivedOn: on,
      method: 'card',
      allocations: [{ invoiceId, amount }],
      installmentAllocations: [],
      credited: 0,
    };
    const facts: Fact[] = [
      {
        event: { type: 'InvoiceIssued', data: { invoiceId, amount, ...usd, issuedOn: on, dueOn: dueDates.get(invoiceId) as IsoDate, terms: { graceDays: 0 } } },
        day: on,
        moves: [move(invoiceId, amount)],
      },
      { event: { type: 'PaymentReceived', data: paid }, day: on, moves: [move(invoiceId, -amount)] },
      {
        event: { type: 'LateFeeAssessed', data: { invoiceId, amount, ...usd, assessedOn: on, rule: { type: 'flat', amount } } },
        day: on,
        moves: [move(invoiceId, amount)],
      },
      {
        event: { type: 'PlanAgreed', data: { planId: `plan-${invoice}`, ...usd, agreedOn: on, installments: [], covers: [{ invoiceId, amount }] } },
        day: on,
        moves: [],
      },
      { event: { type: 'PlanBroken', data: { planId: `plan-${invoice}`, missedInstallments: 1, remaining: amount } }, day: on, moves: [] },
      { event: { type: 'PlanCompleted', data: { planId: `plan-${invoice}`, paymentId: `pay-${day}` } }, day: on, moves: [] },
      {
        event: { type: 'DebtWrittenOff', data: { reason: 'Small balance.', allocations: [{ invoiceId, amount }] } },
        day: on,
        moves: [move(invoiceId, -amount)],
      },
      {
        event: { type: 'DisputeResolved', data: { disputeId: `disp-${day}`, outcome: 'upheld', adjustments: [{ invoiceId, amount }] } },
        day: on,
        moves: [move(invoiceId, -amount)],
      },
      {
        event: { type: 'SettlementCompleted', data: { settlementId: `set-${day}`, paymentId: `pay-${day}`, writtenOff: [{ invoiceId, amount }] } },
        day: on,
        moves: [move(invoiceId, -amount)],
      },
    ];
    return facts[kind] as Fact;
  });

/** Folds facts into the ledger as they arrive; what every restatement adds up to, by day. */
function restatedTotals(facts: Fact[]): Map<IsoDate, FigureChange>[] {
  let ledger = emptyLedger();
  const totals = new Map<IsoDate, FigureChange>();
  return facts.map(({ event, day, moves }) => {
    const next = ledgerAfter(ledger, moves, event, day, (invoiceId) => dueDates.get(invoiceId));
    ledger = next.ledger;
    for (const [on, change] of Object.entries(next.restated)) totals.set(on, addChange(totals.get(on) ?? {}, change));
    return new Map([...totals].filter(([, change]) => Object.keys(change).length));
  });
}

/**
 * The account's delinquency figures by definition, from every fact at once: walking every day on which
 * an amount or a plan moved, the due date of the oldest open invoice outside a plan in force at its end,
 * the account counted under it, and, on a day that ended a delinquency, how it ended.
 */
function byDefinition(facts: Fact[]): Map<IsoDate, FigureChange> {
  const moved = new Map<IsoDate, Map<string, number>>();
  const plans = new Map<string, { covers: string[]; from: IsoDate; to: IsoDate | null }>();
  const causes = new Map<IsoDate, ExitCause[]>();
  for (const { event, day, moves } of facts) {
    for (const { invoiceId, moved: amount } of moves) {
      const onDay = moved.get(day) ?? new Map<string, number>();
      moved.set(day, onDay.set(invoiceId, (onDay.get(invoiceId) ?? 0) + amount));
    }
    if (event.type === 'PlanAgreed') plans.set(event.data.planId, { covers: event.data.covers.map(({ invoiceId }) => invoiceId), from: day, to: null });
    const plan = event.type === 'PlanBroken' || event.type === 'PlanCompleted' ? plans.get(event.data.planId) : undefined;
    if (plan) plan.to = day;
    const cause = causeOf(event);
    if (cause) causes.set(day, [...(causes.get(day) ?? []), cause]);
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
    if (previous !== null && previous < day && !(oldest !== null && oldest < day)) Object.assign(change, exitBy(causes.get(day) ?? []));
    if (Object.keys(change).length) derived.set(day, change);
    previous = oldest;
  }
  return derived;
}

const causes: Partial<Record<AccountEvent['type'], ExitCause>> = {
  PaymentReceived: 'payment',
  PlanAgreed: 'arrangement',
  SettlementCompleted: 'settlement',
  DebtWrittenOff: 'write_off',
  DisputeResolved: 'dispute_upheld',
};
const causeOf = (event: AccountEvent): ExitCause | undefined =>
  event.type === 'DisputeResolved' && event.data.outcome !== 'upheld' ? undefined : causes[event.type];

const exitBy = (causes: ExitCause[]): FigureChange => {
  if (causes.includes('settlement')) return { delinquencySettled: 1 };
  if (causes.includes('payment')) return { cures: 1 };
  if (causes.includes('arrangement')) return { cures: 1, curesByArrangement: 1 };
  if (causes.includes('write_off')) return { delinquencyWrittenOff: 1 };
  return causes.includes('dispute_upheld') ? { delinquencyDisputeUpheld: 1 } : {};
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

  it('restates nothing before the day of a late fact', () => {
    const issue = (invoiceId: string, day: number): Fact => ({
      event: {
        type: 'InvoiceIssued',
        data: { invoiceId, amount: 100, ...usd, issuedOn: addDays(start, day), dueOn: dueDates.get(invoiceId) as IsoDate, terms: { graceDays: 0 } },
      },
      day: addDays(start, day),
      moves: [move(invoiceId, 100)],
    });
    let { ledger } = ledgerAfter(emptyLedger(), issue('inv-0', 0).moves, issue('inv-0', 0).event, addDays(start, 0), (id) => dueDates.get(id));
    ledger = ledgerAfter(ledger, issue('constructor', 40).moves, issue('constructor', 40).event, addDays(start, 40), (id) => dueDates.get(id)).ledger;
    // Paid on day 20, recorded after day 40: inv-0 (due on day 10) is no longer the oldest from day 20, and from day 40
    // constructor's (due that day) is.
    const late: Fact = {
      event: {
        type: 'PaymentReceived',
        data: {
          paymentId: 'pay-1',
          amount: 100,
          ...usd,
          receivedOn: addDays(start, 20),
          method: 'card',
          allocations: [{ invoiceId: 'inv-0', amount: 100 }],
          installmentAllocations: [],
          credited: 0,
        },
      },
      day: addDays(start, 20),
      moves: [move('inv-0', -100)],
    };
    const { restated } = ledgerAfter(ledger, late.moves, late.event, late.day, (id) => dueDates.get(id));
    expect(restated).toEqual({
      [addDays(start, 20)]: { accountsByOldestDue: { [addDays(start, 10)]: -1 }, cures: 1 },
      [addDays(start, 40)]: { accountsByOldestDue: { [addDays(start, 40)]: 1 } },
    });
  });
});
