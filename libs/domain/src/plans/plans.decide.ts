import { entryOf } from '../lookup/entry-of';
import { addDays } from '../calendar/calendar';
import { conflict, notFound, ruleBroken } from '../errors/domain-error';
import { profileFor } from '../compliance/creditor-profile';
import { defaultPlanOfferPolicy } from './plan-offer-policy';
import { planOffers } from './plan-offers';
import type { AcceptPlanOffer, AgreePlan, ExtendDeadline, MarkInstallmentMissed, PlansCommand } from './plans.commands';
import type { Allocation } from '../account/allocation';
import type { DeadlineExtended, InstallmentMissed, PlanAgreed, PlanBroken } from './plans.events';
import { requireAmount, requireCurrency, requireDate, requireInvoice, requireNew, requireOpen, todayFor } from '../account/account.guards';
import { openInvoicesOldestFirst, outstanding, type AccountState, type InstallmentState, type OpenedAccount, type PlanState } from '../account/account.state';
import type { Decisions } from '../account/capability';

/** Ten years of monthly installments: the longest plan any path takes. */
export const maxInstallments = 120;

/**
 * A plan replaces the covered invoices' due dates with a schedule of installments. Its installments
 * must add up to exactly the balance it covers, so paying every installment settles that balance.
 */
export function agreePlan(command: AgreePlan, state: AccountState): [PlanAgreed] {
  const account = requireOpen(state);
  const { planId, currency, installments, invoiceIds } = command.data;
  requireNew(account.planIds, planId, 'PLAN_ALREADY_AGREED', 'Plan', entryOf);
  if (account.activePlan) {
    throw conflict('PLAN_ALREADY_ACTIVE', `Plan ${account.activePlan.planId} is still active.`, {
      activePlanId: account.activePlan.planId,
    });
  }
  requireCurrency(account, currency);
  if (installments.length === 0) throw ruleBroken('PLAN_WITHOUT_INSTALLMENTS', 'A plan needs at least one installment.');
  if (installments.length > maxInstallments) {
    throw ruleBroken('PLAN_TOO_MANY_INSTALLMENTS', `A plan has at most ${maxInstallments} installments.`, { field: 'installments' });
  }
  const today = todayFor(account, command.now);
  installments.forEach((installment, index) => {
    requireAmount(installment.amount, `installments[${index}].amount`);
    requireDate(installment.dueOn, `installments[${index}].dueOn`);
    // An installment already past when agreed would be missed at once (and, like a promise, cannot be kept).
    if (installment.dueOn < today) {
      throw ruleBroken('PLAN_INSTALLMENT_IN_PAST', `installments[${index}].dueOn ${installment.dueOn} is before today (${today}).`, {
        index,
        dueOn: installment.dueOn,
        today,
      });
    }
    const previous = installments[index - 1];
    if (previous && installment.dueOn <= previous.dueOn) {
      throw ruleBroken('PLAN_INSTALLMENTS_NOT_IN_ORDER', 'Installment due dates must be strictly increasing.', {
        index,
      });
    }
  });
  const covers = coveredBalance(account, invoiceIds);
  const coveredTotal = covers.reduce((sum, c) => sum + c.amount, 0);
  const installmentsTotal = installments.reduce((sum, i) => sum + i.amount, 0);
  if (installmentsTotal !== coveredTotal) {
    throw ruleBroken('PLAN_SUM_MISMATCH', `The installments add up to ${installmentsTotal} but the covered balance is ${coveredTotal}.`, {
      installmentsTotal,
      coveredBalance: coveredTotal,
      currency,
    });
  }
  return [
    {
      type: 'PlanAgreed',
      data: {
        planId,
        currency,
        agreedOn: today,
        installments: installments.map((i, index) => ({ number: index + 1, dueOn: i.dueOn, amount: i.amount })),
        covers,
      },
    },
  ];
}

/** The offered plan of that many installments, agreed under the same rules as any plan. */
export function acceptPlanOffer(command: AcceptPlanOffer, state: AccountState): [PlanAgreed] {
  const account = requireOpen(state);
  const { planId, installmentCount, policies } = command.data;
  const policy = profileFor(policies.profiles, account.creditorId).planOffers ?? defaultPlanOfferPolicy;
  const offers = planOffers(account, policy, todayFor(account, command.now));
  const offer = offers.find((candidate) => candidate.installmentCount === installmentCount);
  if (!offer) {
    throw ruleBroken('PLAN_OFFER_NOT_AVAILABLE', `No plan of ${installmentCount} installments is offered for this account today.`, {
      offered: offers.map((candidate) => candidate.installmentCount),
    });
  }
  return agreePlan({ type: 'AgreePlan', data: { planId, currency: offer.currency, installments: offer.installments }, now: command.now }, state);
}

function coveredBalance(account: OpenedAccount, invoiceIds: string[] | undefined): Allocation[] {
  // Named twice, an invoice's balance would count twice: the plan would ask for double what it covers.
  const twice = invoiceIds?.find((invoiceId, index) => invoiceIds.indexOf(invoiceId) !== index);
  if (twice !== undefined) throw ruleBroken('INVOICE_NAMED_TWICE', `Invoice ${twice} is named twice.`, { field: 'invoiceIds', invoiceId: twice });
  const invoices = invoiceIds ? invoiceIds.map((invoiceId) => requireInvoice(account, invoiceId)) : openInvoicesOldestFirst(account);
  const covers = invoices.map((invoice) => ({ invoiceId: invoice.invoiceId, amount: outstanding(invoice) }));
  const settled = covers.find((c) => c.amount <= 0);
  if (settled) {
    throw ruleBroken('INVOICE_ALREADY_PAID', `Invoice ${settled.invoiceId} is paid.`, { invoiceId: settled.invoiceId });
  }
  if (covers.length === 0) throw ruleBroken('NOTHING_TO_COVER', 'The account has no open balance for a plan to cover.');
  return covers;
}

function requireActivePlan(account: OpenedAccount, planId: string): PlanState {
  const plan = account.activePlan;
  if (plan?.planId !== planId)
    throw conflict('PLAN_NOT_ACTIVE', `Plan ${planId} is not the account's active plan.`, { planId, activePlanId: plan?.planId ?? null });
  return plan;
}

function requireUnpaidInstallment(plan: PlanState, number: number): InstallmentState {
  const installment = plan.installments.find((i) => i.number === number);
  if (!installment) throw notFound('INSTALLMENT_NOT_FOUND', `Plan ${plan.planId} has no installment ${number}.`, { installment: number });
  if (installment.paid >= installment.amount) throw conflict('INSTALLMENT_PAID', `Installment ${number} is paid.`, { installment: number });
  return installment;
}

/**
 * An installment still unpaid once its due date plus grace has passed is missed; the plan breaks at
 * the `breakAfter`th missed one, and what it still covered is collected as before.
 */
export function markInstallmentMissed(command: MarkInstallmentMissed, state: AccountState): [InstallmentMissed] | [InstallmentMissed, PlanBroken] {
  const account = requireOpen(state);
  const { planId, installment: number, graceDays, breakAfter } = command.data;
  const plan = requireActivePlan(account, planId);
  const installment = requireUnpaidInstallment(plan, number);
  if (installment.missed) throw conflict('INSTALLMENT_ALREADY_MISSED', `Installment ${number} is already marked missed.`, { installment: number });
  const lastDay = addDays(installment.dueOn, graceDays);
  if (todayFor(account, command.now) <= lastDay) {
    throw ruleBroken('INSTALLMENT_NOT_DUE', `Installment ${number} can still be paid until ${lastDay}.`, { installment: number, lastDay });
  }
  const missed: InstallmentMissed = {
    type: 'InstallmentMissed',
    data: { planId, installment: number, dueOn: installment.dueOn, unpaid: installment.amount - installment.paid },
  };
  const missedInstallments = plan.installments.filter((i) => i.missed).length + 1;
  if (missedInstallments < breakAfter) return [missed];
  const remaining = plan.installments.reduce((sum, i) => sum + i.amount - i.paid, 0);
  return [missed, { type: 'PlanBroken', data: { planId, missedInstallments, remaining } }];
}

/** Moves an unpaid installment's due date later, keeping the installments in order. */
export function extendDeadline(command: ExtendDeadline, state: AccountState): [DeadlineExtended] {
  const account = requireOpen(state);
  const { planId, installment: number, dueOn } = command.data;
  const plan = requireActivePlan(account, planId);
  const installment = requireUnpaidInstallment(plan, number);
  requireDate(dueOn, 'dueOn');
  if (dueOn <= installment.dueOn) {
    throw ruleBroken('DEADLINE_NOT_LATER', `dueOn ${dueOn} is not after the current ${installment.dueOn}.`, { dueOn, currentDueOn: installment.dueOn });
  }
  const next = plan.installments.find((i) => i.number === number + 1);
  if (next && dueOn >= next.dueOn) {
    throw ruleBroken('PLAN_INSTALLMENTS_NOT_IN_ORDER', `dueOn ${dueOn} is not before installment ${next.number} (${next.dueOn}).`, {
      dueOn,
      nextDueOn: next.dueOn,
    });
  }
  return [{ type: 'DeadlineExtended', data: { planId, installment: number, previousDueOn: installment.dueOn, dueOn } }];
}

export const plansDecisions: Decisions<PlansCommand> = {
  AgreePlan: agreePlan,
  AcceptPlanOffer: acceptPlanOffer,
  MarkInstallmentMissed: markInstallmentMissed,
  ExtendDeadline: extendDeadline,
};
