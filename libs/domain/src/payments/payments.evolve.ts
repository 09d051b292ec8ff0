import type { Evolvers } from '../account/capability';
import { paidOnChanged, totalOutstanding, type OpenedAccount, type PaymentState } from '../account/account.state';
import { sharedEntryOf, withSharedEntry } from '../lookup/shared-registry';
import { resolvedBy } from '../resolutions/resolution';
import { updateInvoice } from '../account/invoice-updates';
import { sum } from '../account/summary-words';
import { promisesPaid } from '../promises/promises.evolve';
import type { PaymentReceived, PaymentReversed, PaymentsEvent } from './payments.events';

export const paymentsEvolvers: Evolvers<PaymentsEvent> = {
  PaymentReceived: (account, event) => {
    const { paymentId, amount, currency, receivedOn, allocations, installmentAllocations, credited } = event.data;
    let next: OpenedAccount = {
      ...account,
      currency,
      payments: withSharedEntry(account.payments, paymentId, paymentStateOf(event, account.activePlan?.planId ?? null)),
      credit: account.credit + credited,
      promises: promisesPaid(account, amount, receivedOn),
      activeSettlement: account.activeSettlement && { ...account.activeSettlement, paid: account.activeSettlement.paid + amount },
    };
    for (const { invoiceId, amount } of allocations) {
      next = updateInvoice(next, invoiceId, (i) => ({ ...i, paid: i.paid + amount, paidOn: paidOnChanged(i.paidOn, receivedOn, 1) }));
    }
    next = withInstallmentsPaid(next, next.activePlan?.planId ?? null, installmentAllocations, 1);
    return totalOutstanding(account) > 0 ? resolvedBy(next, 'paid_in_full', receivedOn) : next;
  },
  EarlyPaymentDiscountApplied: (account, event) => {
    const { invoiceId, paymentId, amount } = event.data;
    const next = updateInvoice(account, invoiceId, (i) => ({ ...i, discounted: i.discounted + amount }));
    const payment = sharedEntryOf(next.payments, paymentId);
    if (!payment) return next;
    return { ...next, payments: withSharedEntry(next.payments, paymentId, { ...payment, discounts: [...payment.discounts, { invoiceId, amount }] }) };
  },
  PaymentReversed: (account, event) => {
    const { reversalId, paymentId, amount, allocations, spentCreditReopened, installmentAllocations, creditReversed, discountsWithdrawn } = event.data;
    const payment = sharedEntryOf(account.payments, paymentId);
    if (!payment) return account;
    let next: OpenedAccount = {
      ...account,
      payments: withSharedEntry(account.payments, paymentId, paymentAfterReversal(payment, event.data)),
      reversalIds: withSharedEntry(account.reversalIds, reversalId, true as const),
      credit: account.credit - creditReversed,
      promises: promisesPaid(account, -amount, payment.receivedOn),
      activeSettlement: account.activeSettlement && { ...account.activeSettlement, paid: Math.max(0, account.activeSettlement.paid - amount) },
    };
    for (const { invoiceId, amount } of allocations) {
      next = updateInvoice(next, invoiceId, (i) => ({ ...i, paid: i.paid - amount, paidOn: paidOnChanged(i.paidOn, payment.receivedOn, -1) }));
    }
    for (const { invoiceId, amount } of spentCreditReopened) {
      next = updateInvoice(next, invoiceId, (i) => ({ ...i, paid: i.paid - amount, creditApplied: i.creditApplied - amount }));
    }
    for (const { invoiceId, amount } of discountsWithdrawn) next = updateInvoice(next, invoiceId, (i) => ({ ...i, discounted: i.discounted - amount }));
    next = withInstallmentsPaid(next, payment.planId, installmentAllocations, -1);
    // What was resolved is owed again: the thank-you no longer holds.
    return totalOutstanding(next) > 0 ? { ...next, resolution: null } : next;
  },
};

function paymentStateOf({ data }: PaymentReceived, planId: string | null): PaymentState {
  const { paymentId, amount, receivedOn, allocations, installmentAllocations, credited, agencyId } = data;
  return { paymentId, amount, receivedOn, agencyId: agencyId ?? null, allocations, installmentAllocations, planId, credited, discounts: [], reversed: 0 };
}

/** The payment with the reversal's parts taken off what still stands of it. */
function paymentAfterReversal(payment: PaymentState, reversal: PaymentReversed['data']): PaymentState {
  const withdrawn = new Set(reversal.discountsWithdrawn.map(({ invoiceId }) => invoiceId));
  return {
    ...payment,
    reversed: payment.reversed + reversal.amount,
    allocations: lessOf(payment.allocations, reversal.allocations, (a) => a.invoiceId),
    installmentAllocations: lessOf(payment.installmentAllocations, reversal.installmentAllocations, (a) => String(a.installment)),
    credited: payment.credited - reversal.creditReversed - sum(reversal.spentCreditReopened),
    discounts: payment.discounts.filter(({ invoiceId }) => !withdrawn.has(invoiceId)),
  };
}

/** `parts` less `taken`, matched by key, dropping what comes to nothing; order kept. */
function lessOf<T extends { amount: number }>(parts: T[], taken: T[], key: (part: T) => string): T[] {
  const minus = new Map<string, number>();
  for (const part of taken) minus.set(key(part), (minus.get(key(part)) ?? 0) + part.amount);
  return parts.flatMap((part) => {
    const left = part.amount - (minus.get(key(part)) ?? 0);
    minus.delete(key(part));
    return left > 0 ? [{ ...part, amount: left }] : [];
  });
}

/** The plan in force with its installments' paid amounts moved by `sign`, if it is the plan `planId`. */
function withInstallmentsPaid(
  account: OpenedAccount,
  planId: string | null,
  allocations: { installment: number; amount: number }[],
  sign: 1 | -1,
): OpenedAccount {
  const plan = account.activePlan;
  if (!plan || plan.planId !== planId || allocations.length === 0) return account;
  const installments = plan.installments.map((installment) => {
    const moved = allocations.find((a) => a.installment === installment.number)?.amount ?? 0;
    return { ...installment, paid: installment.paid + sign * moved };
  });
  return { ...account, activePlan: { ...plan, installments } };
}
