import { sharedEntryOf } from '../lookup/shared-registry';
import { notFound, ruleBroken } from '../errors/domain-error';
import type { Allocation } from '../account/allocation';
import { sum } from '../account/summary-words';
import type { AccountEvent } from '../account/account.events';
import type { AccountState, OpenedAccount, PaymentState } from '../account/account.state';
import { reopenedForMoney, requireAmount, requireCurrency, requireDate, todayFor } from '../account/account.guards';
import type { ReversePayment } from './payments.commands';
import type { InstallmentAllocation, PaymentReversed } from './payments.events';

/**
 * A refund or a lost chargeback takes money back: what the payment paid is owed again. A reversal
 * takes back the most recent part of the payment first, the reverse of the order it was spent in:
 * what it left as credit (the account's unspent credit first, then, where later invoices already
 * used that credit, those invoices, the latest due first), then its invoices from the last paid to
 * the first (the plan's installments with the plan's invoices, the last installment first). A
 * discount the payment earned goes with an invoice it no longer settles. Payments are facts from
 * outside, so this is decided even on an account under a plan, dispute or hold, and on a closed one, which it
 * reopens (reopenedForMoney), as the payment itself does.
 */
export function reversePayment(command: ReversePayment, state: AccountState): AccountEvent[] {
  const { reversalId, paymentId, amount, currency, reversedOn, reason, providerReference } = command.data;
  const { account, reopened } = reopenedForMoney(state, command.now, 'payment_reversed', paymentId);
  // The same reversal told again (a provider's redelivery) is already in the account.
  if (sharedEntryOf(account.reversalIds, reversalId)) return [];
  const payment = sharedEntryOf(account.payments, paymentId);
  if (!payment) throw notFound('PAYMENT_NOT_FOUND', `Payment ${paymentId} was not received on this account.`, { paymentId });
  requireAmount(amount);
  requireCurrency(account, currency);
  requireDate(reversedOn, 'reversedOn');
  const remaining = payment.amount - payment.reversed;
  if (amount > remaining) {
    throw ruleBroken('REVERSAL_EXCEEDS_PAYMENT', `Only ${remaining} minor units of payment ${paymentId} are left to reverse.`, { field: 'amount', remaining });
  }
  requireReversalDate(account, payment, reversedOn, command.now);
  return [
    ...reopened,
    {
      type: 'PaymentReversed',
      data: {
        reversalId,
        paymentId,
        amount,
        currency,
        reversedOn,
        reason,
        ...(providerReference !== undefined && { providerReference }),
        ...partsReversed(account, payment, amount),
      },
    },
  ];
}

function requireReversalDate(account: OpenedAccount, payment: PaymentState, reversedOn: string, now: string): void {
  const today = todayFor(account, now);
  if (reversedOn > today) throw ruleBroken('REVERSAL_DATE_IN_FUTURE', `reversedOn ${reversedOn} is after today (${today}).`, { field: 'reversedOn', today });
  if (reversedOn < payment.receivedOn) {
    throw ruleBroken('REVERSAL_BEFORE_PAYMENT', `reversedOn ${reversedOn} is before the payment was received (${payment.receivedOn}).`, {
      field: 'reversedOn',
      receivedOn: payment.receivedOn,
    });
  }
}

type ReversedParts = Pick<PaymentReversed['data'], 'creditReversed' | 'spentCreditReopened' | 'allocations' | 'installmentAllocations' | 'discountsWithdrawn'>;

function partsReversed(account: OpenedAccount, payment: PaymentState, amount: number): ReversedParts {
  const creditReversed = Math.min(amount, payment.credited, account.credit);
  const spentCreditReopened = reopenSpentCredit(account, payment, Math.min(amount - creditReversed, payment.credited - creditReversed));
  const fromInvoices = amount - creditReversed - sum(spentCreditReopened);
  const allocations = takeFromLast(payment.allocations, fromInvoices);
  // The plan's invoices were paid first, so a reversal reaches them, and the installments, last.
  const outsidePlan = sum(payment.allocations) - sum(payment.installmentAllocations);
  const planInForce = payment.planId !== null && account.activePlan?.planId === payment.planId;
  // A plan completed or broken since stays so: only the plan still in force has installments to reopen.
  const installmentAllocations = planInForce
    ? takeFromLast<InstallmentAllocation>(payment.installmentAllocations, Math.max(0, sum(allocations) - outsidePlan))
    : [];
  const reopened = new Set(allocations.map(({ invoiceId }) => invoiceId));
  const discountsWithdrawn = payment.discounts.filter(({ invoiceId }) => reopened.has(invoiceId));
  return { creditReversed, spentCreditReopened, allocations, installmentAllocations, discountsWithdrawn };
}

/**
 * Credit the payment left that later invoices used: reopened on what credit paid of them (never what
 * another payment paid in cash), the latest due first.
 */
function reopenSpentCredit(account: OpenedAccount, payment: PaymentState, amount: number): Allocation[] {
  if (amount <= 0) return [];
  const paidOldestDueFirst = Object.values(account.invoices)
    .map((invoice) => ({ invoice, amount: Math.min(invoice.creditApplied, invoice.paid) }))
    .filter((paid) => paid.amount > 0)
    .sort((a, b) => a.invoice.dueOn.localeCompare(b.invoice.dueOn) || a.invoice.sequence - b.invoice.sequence)
    .map(({ invoice, amount }) => ({ invoiceId: invoice.invoiceId, amount }));
  return takeFromLast(paidOldestDueFirst, amount);
}

/** Up to `amount` taken from the end of `parts` backwards: the most recent first. */
function takeFromLast<T extends { amount: number }>(parts: T[], amount: number): T[] {
  const taken: T[] = [];
  let left = amount;
  for (let index = parts.length - 1; index >= 0 && left > 0; index--) {
    const part = parts[index] as T;
    const take = Math.min(left, part.amount);
    taken.push({ ...part, amount: take });
    left -= take;
  }
  return taken;
}
