import { drawFor, purposes, type Draw } from './prng';

/**
 * How an account pays, the latent truth of the simulation. A score learned from the events (Step 8)
 * is judged against `propensity`, which is never written into the event store: only the simulator's
 * report and its truth file carry it.
 */
export const segments = ['on_time', 'late', 'partial', 'never'] as const;
export type Segment = (typeof segments)[number];

/** The share of each segment in a portfolio, and the range its propensity to pay is drawn from. */
const segmentMix: readonly { segment: Segment; share: number; propensity: [number, number] }[] = [
  { segment: 'on_time', share: 0.45, propensity: [0.85, 0.99] },
  { segment: 'late', share: 0.25, propensity: [0.5, 0.85] },
  { segment: 'partial', share: 0.15, propensity: [0.3, 0.6] },
  { segment: 'never', share: 0.15, propensity: [0.02, 0.15] },
];

/** One account's hidden behaviour and its billing terms. */
export interface AccountTraits {
  segment: Segment;
  /** The probability that an invoice of the account is ever paid (in full, or in part for `partial`). */
  propensity: number;
  /** The probability that a call reaches the debtor (a right-party contact). */
  contactability: number;
  /** The day of the month (1–28) the creditor bills the account. */
  billingDay: number;
  /** What a month's invoice is about, in minor units. */
  monthlyAmount: number;
  termsDays: number;
  graceDays: number;
}

/** An account's traits, the same for the same seed and account number. */
export function traitsOf(seed: number, account: number): AccountTraits {
  const draw = drawFor(seed, account, purposes.traits);
  const segment = segmentOf(draw.next());
  const range = (segmentMix.find((entry) => entry.segment === segment) as (typeof segmentMix)[number]).propensity;
  return {
    segment,
    propensity: draw.between(range[0], range[1]),
    contactability: draw.between(0.15, 0.65),
    billingDay: draw.int(1, 28),
    monthlyAmount: draw.int(20, 400) * 100,
    termsDays: draw.pick([15, 30, 30, 45]),
    graceDays: draw.pick([0, 5, 10]),
  };
}

function segmentOf(roll: number): Segment {
  let cumulated = 0;
  for (const { segment, share } of segmentMix) {
    cumulated += share;
    if (roll < cumulated) return segment;
  }
  return 'never';
}

/** A planned payment: the day (days after the simulation's start) and the amount. */
export interface PlannedPayment {
  day: number;
  amount: number;
}

/**
 * What the debtor will do about a new invoice, decided the day it is issued: pay it before it is due
 * (on time), some weeks after (late), a part of it (partial), or nothing (not paying, or never).
 * `issuedDay` and `dueDay` count days from the simulation's start.
 */
export function invoiceFate(traits: AccountTraits, draw: Draw, amount: number, issuedDay: number, dueDay: number): PlannedPayment | null {
  if (!draw.chance(traits.propensity)) return null;
  switch (traits.segment) {
    case 'on_time':
      return { day: draw.int(issuedDay + 1, dueDay), amount };
    case 'late':
      return { day: dueDay + traits.graceDays + draw.int(3, 40), amount };
    case 'partial':
      return { day: dueDay + draw.int(-5, 30), amount: Math.max(100, Math.round((amount * draw.int(20, 70)) / 100)) };
    case 'never':
      return { day: dueDay + draw.int(30, 90), amount };
  }
}

/**
 * How much likelier a debtor recently reminded or called is to pay the overdue balance on a given day:
 * a reminder or a call helps the willing but forgetful (propensity 0.9: about 7 times as likely) and
 * barely moves one who does not mean to pay (propensity 0.1: 1.08 times). Without it, a contact would
 * do as much for a never-payer as for a good payer who forgot, and no worklist order could beat another.
 */
export const touchedUplift = (propensity: number): number => 1 + 7.5 * propensity ** 2;
const dailyHazard: Readonly<Record<Segment, number>> = { on_time: 0.03, late: 0.02, partial: 0.012, never: 0.002 };

/**
 * What the debtor pays today, unprompted by a plan or a promise, of an `overdue` balance: nothing
 * most days; now and then all of it (or, for `partial`, a part), more often soon after a contact.
 */
export function spontaneousPayment(traits: AccountTraits, draw: Draw, overdue: number, touchedRecently: boolean): number {
  if (overdue <= 0) return 0;
  const hazard = dailyHazard[traits.segment] * traits.propensity * (touchedRecently ? touchedUplift(traits.propensity) : 1);
  if (!draw.chance(hazard)) return 0;
  return traits.segment === 'partial' ? Math.max(100, Math.round((overdue * draw.int(20, 60)) / 100)) : overdue;
}

/** What a debtor reached by a call says to the overdue balance. */
export type Answer =
  | { kind: 'promise'; amount: number; inDays: number; keep: boolean }
  | { kind: 'plan'; installments: number; keep: boolean }
  | { kind: 'dispute' }
  | { kind: 'refuse' };

/**
 * A debtor reached by phone promises to pay (and keeps it, as their propensity says), asks for a plan
 * when the balance is large, disputes now and then, or refuses.
 */
export function answerToCall(traits: AccountTraits, draw: Draw, overdue: number): Answer {
  const roll = draw.next();
  if (roll < 0.03) return { kind: 'dispute' };
  if (overdue > 3 * traits.monthlyAmount && roll < 0.2) return { kind: 'plan', installments: draw.int(3, 6), keep: draw.chance(traits.propensity) };
  if (roll < 0.2 + 0.7 * traits.propensity) {
    const share = traits.segment === 'partial' ? draw.int(30, 70) : 100;
    return { kind: 'promise', amount: Math.max(100, Math.round((overdue * share) / 100)), inDays: draw.int(3, 10), keep: draw.chance(traits.propensity) };
  }
  return { kind: 'refuse' };
}

/** How a call ends: a right-party contact as often as the debtor can be reached; otherwise no answer, a message, or a line that never connects. */
export function callOutcome(traits: AccountTraits, draw: Draw): 'right_party_contact' | 'no_answer' | 'left_message' | 'not_connected' {
  if (draw.chance(traits.contactability)) return 'right_party_contact';
  return draw.pick(['no_answer', 'no_answer', 'left_message', 'not_connected'] as const);
}

/** Unprompted disputes: a few a year per account, more from those who do not pay. */
export function raisesDispute(traits: AccountTraits, draw: Draw): boolean {
  return draw.chance(traits.segment === 'never' ? 0.002 : 0.0003);
}
