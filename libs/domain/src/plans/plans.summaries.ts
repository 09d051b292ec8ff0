import { formatMoney } from '../money/money';
import type { Summaries } from '../account/capability';
import { units } from '../account/summary-words';
import type { PlansEvent } from './plans.events';

/** How each plans fact reads in the account's history: one line a person can read. */
export const plansSummaries: Summaries<PlansEvent> = {
  PlanAgreed: (event) => {
    const total = event.data.installments.reduce((sum, installment) => sum + installment.amount, 0);
    return `Plan ${event.data.planId} agreed: ${event.data.installments.length} installments totalling ${formatMoney(total, event.data.currency)}.`;
  },
  InstallmentPaid: (event) => `Installment ${event.data.installment} of plan ${event.data.planId} paid by payment ${event.data.paymentId}.`,
  PlanCompleted: (event) => `Plan ${event.data.planId} completed.`,
  InstallmentMissed: (event) =>
    `Installment ${event.data.installment} of plan ${event.data.planId}, due ${event.data.dueOn}, missed: ${units(event.data.unpaid)} unpaid.`,
  PlanBroken: (event) =>
    `Plan ${event.data.planId} broken after ${event.data.missedInstallments} missed installments; ${units(event.data.remaining)} back in collection.`,
  DeadlineExtended: (event) =>
    `Installment ${event.data.installment} of plan ${event.data.planId} moved from ${event.data.previousDueOn} to ${event.data.dueOn}.`,
};
