import { daysBetween, type IsoDate } from '../calendar/calendar';
import { ruleBroken } from '../errors/domain-error';
import { percentOf } from '../money/money';
import type { RecordPayment, PaymentsCommand } from './payments.commands';
import type { AccountEvent } from '../account/account.events';
import { paymentMethods, type InstallmentAllocation } from './payments.events';
import { reopenedForMoney, requireAmount, requireSafeTotal, requireCurrency, requireDate, requireNew, todayFor } from '../account/account.guards';
import {
  openBalances,
  openInvoicesOldestFirst,
  outstanding,
  spreadOver,
  type AccountState,
  type InvoiceState,
  type OpenedAccount,
  type PlanState,
  settlementLeft,
} from '../account/account.state';
import { evolve } from '../account/account.evolve';
import type { Decisions } from '../account/capability';
import { reversePayment } from './payment-reversal';
import { countsTowardPromise } from '../promises/promises.evolve';
import { sharedEntryOf } from '../lookup/shared-registry';

/**
 * A payment goes first to the active plan's installments (and so to the invoices the plan covers),
 * then to the other open invoices, oldest first; what is left becomes credit for later invoices.
 * An invoice settled inside its early-payment window earns its discount. A closed account takes it too, as
 * credit, and is open again (reopenedForMoney): the money was received.
 */
export function recordPayment(command: RecordPayment, state: AccountState): AccountEvent[] {
  const { paymentId, amount, currency, receivedOn, method, agencyId } = command.data;
  const { account, reopened } = reopenedForMoney(state, command.now, 'payment_received', paymentId);
  requireNew(account.payments, paymentId, 'PAYMENT_ALREADY_RECORDED', 'Payment', sharedEntryOf);
  if (agencyId !== undefined && account.agency?.agencyId !== agencyId) {
    throw ruleBroken('AGENCY_NOT_PLACED', `The account is not placed with agency ${agencyId}.`, { agencyId, placedWith: account.agency?.agencyId ?? null });
  }
  if (!paymentMethods.includes(method)) {
    throw ruleBroken('INVALID_PAYMENT_METHOD', `method must be one of ${paymentMethods.join(', ')}.`, { field: 'method', paymentMethods });
  }
  requireAmount(amount);
  // What a payment does not allocate becomes credit: that total must stay exact too.
  requireSafeTotal(account.credit, amount);
  requireCurrency(account, currency);
  requireDate(receivedOn, 'receivedOn');
  const today = todayFor(account, command.now);
  if (receivedOn > today) {
    throw ruleBroken('PAYMENT_DATE_IN_FUTURE', `receivedOn ${receivedOn} is after today (${today}).`, { receivedOn, today });
  }
  if (account.openedOn !== null && receivedOn < account.openedOn) {
    throw ruleBroken('PAYMENT_BEFORE_ACCOUNT_OPENED', `receivedOn ${receivedOn} is before the account opened (${account.openedOn}).`, {
      field: 'receivedOn',
      receivedOn,
      openedOn: account.openedOn,
    });
  }

  const plan = account.activePlan;
  const toPlan = plan ? Math.min(amount, planRemaining(plan)) : 0;
  const installmentAllocations = plan ? allocateToInstallments(plan, toPlan) : [];
  const covered = new Set(plan?.coveredInvoiceIds ?? []);
  const open = openInvoicesOldestFirst(account);
  const planAllocations = spreadOver(
    open.filter((i) => covered.has(i.invoiceId)),
    toPlan,
  );
  const discounts: { invoice: InvoiceState; amount: number }[] = [];
  const otherAllocations = spreadOver(
    open.filter((i) => !covered.has(i.invoiceId)),
    amount - toPlan,
    (invoice, remaining) => {
      const discount = earlyPaymentDiscount(invoice, receivedOn);
      const settles = discount > 0 && remaining >= outstanding(invoice) - discount;
      if (settles) discounts.push({ invoice, amount: discount });
      return settles ? discount : 0;
    },
  );
  const allocations = [...planAllocations, ...otherAllocations];
  const allocated = allocations.reduce((sum, a) => sum + a.amount, 0);

  const events: AccountEvent[] = [
    ...reopened,
    {
      type: 'PaymentReceived',
      data: {
        paymentId,
        amount,
        currency,
        receivedOn,
        method,
        allocations,
        installmentAllocations,
        credited: amount - allocated,
        ...(agencyId !== undefined && { agencyId }),
      },
    },
    ...discounts.map(({ invoice, amount: discount }): AccountEvent => ({
      type: 'EarlyPaymentDiscountApplied',
      data: {
        invoiceId: invoice.invoiceId,
        paymentId,
        amount: discount,
        currency,
        percent: invoice.terms.earlyPaymentDiscount?.percent ?? 0,
      },
    })),
  ];
  if (plan) events.push(...planProgress(plan, installmentAllocations, paymentId));
  events.push(...promisesKeptLate(account, amount, receivedOn));
  const settlement = account.activeSettlement;
  if (settlement && amount >= settlementLeft(settlement)) {
    // Settled: whatever the payment left owing is written off.
    const after = events.reduce<AccountState>(evolve, account) as OpenedAccount;
    events.push({ type: 'SettlementCompleted', data: { settlementId: settlement.settlementId, paymentId, writtenOff: openBalances(after) } });
  }
  return events;
}

/**
 * A payment recorded after a promise was broken, received within the promise's days, may keep it after all: on the
 * promise's date, it was kept (its business date is the promise's, so the KPIs restate that day).
 */
function promisesKeptLate(account: OpenedAccount, amount: number, receivedOn: IsoDate): AccountEvent[] {
  return Object.values(account.promises)
    .filter((promise) => promise.status === 'broken' && countsTowardPromise(promise, receivedOn) && promise.paid + amount >= promise.amount)
    .map((promise) => ({ type: 'PromiseKept', data: { promiseId: promise.promiseId, paid: promise.paid + amount } }));
}

const planRemaining = (plan: PlanState) => plan.installments.reduce((sum, i) => sum + i.amount - i.paid, 0);

function allocateToInstallments(plan: PlanState, amount: number): InstallmentAllocation[] {
  const allocations: InstallmentAllocation[] = [];
  let remaining = amount;
  for (const installment of plan.installments) {
    const take = Math.min(remaining, installment.amount - installment.paid);
    if (take > 0) allocations.push({ installment: installment.number, amount: take });
    remaining -= take;
  }
  return allocations;
}

/** The discount an invoice earns if settled on `paidOn`; zero outside its window or without terms. */
function earlyPaymentDiscount(invoice: InvoiceState, paidOn: IsoDate): number {
  const terms = invoice.terms.earlyPaymentDiscount;
  if (!terms || invoice.lateFees > 0) return 0;
  const daysAfterIssue = daysBetween(invoice.issuedOn, paidOn);
  if (daysAfterIssue < 0 || daysAfterIssue > terms.withinDays) return 0;
  return Math.min(percentOf(invoice.amount, terms.percent), outstanding(invoice));
}

function planProgress(plan: PlanState, paid: InstallmentAllocation[], paymentId: string): AccountEvent[] {
  const events: AccountEvent[] = [];
  let allPaid = true;
  for (const installment of plan.installments) {
    const wasPaid = installment.paid >= installment.amount;
    const nowPaid = installment.paid + (paid.find((p) => p.installment === installment.number)?.amount ?? 0);
    if (!wasPaid && nowPaid >= installment.amount) {
      events.push({ type: 'InstallmentPaid', data: { planId: plan.planId, installment: installment.number, paymentId } });
    }
    allPaid &&= nowPaid >= installment.amount;
  }
  if (allPaid) events.push({ type: 'PlanCompleted', data: { planId: plan.planId, paymentId } });
  return events;
}

export const paymentsDecisions: Decisions<PaymentsCommand> = {
  RecordPayment: recordPayment,
  ReversePayment: reversePayment,
};
