import { addDays, isConversation, type ContactPolicies, type IsoDate, type PaymentMethod, type ScheduledCommand } from '@arrears/domain';
import { answerToCall, callOutcome, invoiceFate, raisesDispute, spontaneousPayment, type AccountTraits, type Answer } from './behaviour';
import { noDay, type PortfolioState } from './portfolio';
import { drawFor, purposes } from './prng';

/** A reminder or a call counts as recent for this many days. */
export const touchWindowDays = 3;
/** Days a supervisor takes to settle a dispute. */
export const disputeReviewDays = 14;

/** Where a day's commands are about: the seed, the account, the day (from the start) and its date. */
export interface AccountDay {
  seed: number;
  index: number;
  traits: AccountTraits;
  day: number;
  date: IsoDate;
  policies: ContactPolicies;
}

/**
 * The invoice of the account's billing day (none on other days), and what the debtor will do about
 * it, kept in `state` as a planned payment.
 */
export function billing({ seed, index, traits, day, date }: AccountDay, state: PortfolioState): ScheduledCommand[] {
  if (Number(date.slice(8, 10)) !== traits.billingDay || state.closed[index]) return [];
  const draw = drawFor(seed, index, day, purposes.invoice);
  const amount = traits.monthlyAmount + draw.int(0, 20) * 100;
  const number = state.next(state.invoices, index);
  const fate = invoiceFate(traits, draw, amount, day, day + traits.termsDays);
  if (fate) state.plan(index, fate.day, fate.amount);
  return [
    {
      type: 'IssueInvoice',
      data: {
        invoiceId: `inv-${number}`,
        amount,
        currency: 'USD',
        issuedOn: date,
        dueOn: addDays(date, traits.termsDays),
        terms: { graceDays: traits.graceDays, ...(draw.chance(0.3) ? { lateFee: { type: 'flat' as const, amount: 1500 } } : {}) },
      },
    },
  ];
}

/**
 * What the debtor does today of their own accord: pays what they planned, a promise they keep, a plan's
 * installment, or (now and then, sooner after a contact) the overdue balance; or raises a dispute.
 */
export function debtor({ seed, index, traits, day, date, policies }: AccountDay, state: PortfolioState): ScheduledCommand[] {
  const owed = state.owed[index] as number;
  if (state.closed[index] || owed <= 0) {
    // Paid up another way: nothing is left for a payment still planned to pay.
    state.paidBesidesPlan(index, Infinity);
    return [];
  }
  const draw = drawFor(seed, index, day, purposes.debtor);
  let planned = 0;
  if ((state.payDay[index] as number) <= day) {
    planned = state.payAmount[index] as number;
    state.paidBesidesPlan(index, Infinity);
  }
  let amount = planned;
  if (state.promiseDay[index] === day && state.keepsPromise[index]) amount += state.promiseAmount[index] as number;
  if (state.installmentDay[index] === day && state.keepsPlan[index]) amount += state.installmentAmount[index] as number;
  if (amount === 0) amount = spontaneousPayment(traits, draw, state.overdue[index] as number, day - (state.touchedDay[index] as number) <= touchWindowDays);
  const commands: ScheduledCommand[] = [];
  if (amount > 0) {
    const number = state.next(state.payments, index);
    const method = draw.pick<PaymentMethod>(['card', 'bank_transfer', 'check', 'card']);
    const paid = Math.min(Math.round(amount), owed);
    state.paidBesidesPlan(index, paid - Math.min(paid, planned));
    commands.push({ type: 'RecordPayment', data: { paymentId: `pay-${number}`, amount: paid, currency: 'USD', receivedOn: date, method } });
  } else if (state.overdue[index] && state.disputedSince[index] === noDay && raisesDispute(traits, drawFor(seed, index, day, purposes.dispute))) {
    commands.push(dispute(index, state, policies));
  }
  return commands;
}

function dispute(index: number, state: PortfolioState, policies: ContactPolicies): ScheduledCommand {
  const number = state.next(state.disputes, index);
  return { type: 'RaiseDispute', data: { disputeId: `dsp-${number}`, reason: 'The debtor says the amount is wrong.', policies } };
}

/** A supervisor settles a dispute after its review: upheld for one in four; rejected, the verification sent. */
export function disputeReview({ seed, index, day, date }: AccountDay, state: PortfolioState): ScheduledCommand[] {
  const since = state.disputedSince[index] as number;
  if (since === noDay || day - since < disputeReviewDays) return [];
  const disputeId = `dsp-${state.disputes[index] as number}`;
  if (drawFor(seed, index, day, purposes.dispute).chance(0.25)) return [{ type: 'ResolveDispute', data: { disputeId, outcome: 'upheld' } }];
  // Rejected once the verification went to the debtor, by letter the same day (1006.38(d)(2)(i)).
  return [{ type: 'ResolveDispute', data: { disputeId, outcome: 'rejected', verification: { channel: 'letter', sentOn: date } } }];
}

/**
 * An agent's call at `at`, and what follows a right-party contact: a promise, a plan, a dispute or a
 * refusal. The call goes to the contact rules like any other: `sequel` is asked for only once the
 * call is logged (a refused call has none).
 */
export function call(today: AccountDay, state: PortfolioState, at: string): { call: ScheduledCommand; sequel: () => ScheduledCommand[] } {
  const { seed, index, traits, day, policies } = today;
  const outcome = callOutcome(traits, drawFor(seed, index, day, purposes.call));
  const answer = outcome === 'right_party_contact' ? answerToCall(traits, drawFor(seed, index, day, purposes.answer), state.overdue[index] as number) : null;
  const logged = answer?.kind === 'refuse' ? 'refused_to_pay' : outcome;
  return {
    call: { type: 'LogContactAttempt', data: { channel: 'call', direction: 'outbound', outcome: logged, at, policies } },
    sequel: () => (answer ? sequelOf(answer, today, state) : []),
  };
}

/** Whether a logged call reached the debtor: a conversation, or a message left for them. */
export function reachedTheDebtor(call: ScheduledCommand): boolean {
  return call.type === 'LogContactAttempt' && (isConversation(call.data.channel, call.data.outcome) || call.data.outcome === 'left_message');
}

function sequelOf(answer: Answer, { index, date, policies }: AccountDay, state: PortfolioState): ScheduledCommand[] {
  if (answer.kind === 'refuse') return [];
  if (answer.kind === 'dispute') return state.disputedSince[index] === noDay ? [dispute(index, state, policies)] : [];
  if (answer.kind === 'promise') {
    if (state.promiseDay[index] !== noDay) return [];
    state.keepsPromise[index] = answer.keep ? 1 : 0;
    const amount = Math.min(answer.amount, state.owed[index] as number);
    const promiseId = `ptp-${state.next(state.arrangements, index)}`;
    return [{ type: 'RecordPromiseToPay', data: { promiseId, amount, currency: 'USD', dueOn: addDays(date, answer.inDays), graceDays: 2 } }];
  }
  if (state.installmentDay[index] !== noDay) return [];
  state.keepsPlan[index] = answer.keep ? 1 : 0;
  const planId = `plan-${state.next(state.arrangements, index)}`;
  return [{ type: 'AgreePlan', data: { planId, currency: 'USD', installments: installments(state.owed[index] as number, answer.installments, date) } }];
}

/** Monthly installments from two weeks on, summing exactly to the balance (the last takes the rounding). */
export function installments(owed: number, count: number, date: IsoDate): { dueOn: IsoDate; amount: number }[] {
  const part = Math.floor(owed / count);
  return Array.from({ length: count }, (_, i) => ({ dueOn: addDays(date, 14 + 30 * i), amount: i === count - 1 ? owed - part * (count - 1) : part }));
}
