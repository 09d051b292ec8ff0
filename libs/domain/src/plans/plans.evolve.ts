import type { Evolvers } from '../account/capability';
import type { InstallmentState, OpenedAccount } from '../account/account.state';
import type { PlansEvent } from './plans.events';

export const plansEvolvers: Evolvers<PlansEvent> = {
  PlanAgreed: (account, event) => {
    const { planId, installments, covers } = event.data;
    return {
      ...account,
      planIds: { ...account.planIds, [planId]: true },
      activePlan: {
        planId,
        installments: installments.map((installment) => ({ ...installment, paid: 0, missed: false })),
        coveredInvoiceIds: covers.map((c) => c.invoiceId),
      },
    };
  },
  InstallmentPaid: (account) => account,
  // The payment that completed the plan resolved the account if nothing else is owed: say it was the plan.
  PlanCompleted: (account) => ({
    ...account,
    activePlan: null,
    resolution: account.resolution && !account.resolution.confirmed ? { ...account.resolution, how: 'plan_completed' } : account.resolution,
  }),
  InstallmentMissed: (account, event) => withInstallment(account, event.data.installment, (installment) => ({ ...installment, missed: true })),
  DeadlineExtended: (account, event) =>
    withInstallment(account, event.data.installment, (installment) => ({ ...installment, dueOn: event.data.dueOn, missed: false })),
  PlanBroken: (account) => ({ ...account, activePlan: null, plansBroken: (account.plansBroken ?? 0) + 1 }),
};

function withInstallment(account: OpenedAccount, number: number, change: (installment: InstallmentState) => InstallmentState): OpenedAccount {
  const plan = account.activePlan;
  if (!plan) return account;
  const installments = plan.installments.map((installment) => (installment.number === number ? change(installment) : installment));
  return { ...account, activePlan: { ...plan, installments } };
}
