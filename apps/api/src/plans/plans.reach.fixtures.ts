import type { PlansCommand } from '@arrears/domain';
import { type CapabilityReach, http, policies, scheduler } from '../command-handling/command-reach.fixtures';

/** A request with every optional field set. */
const plan = { planId: 'plan-1', currency: 'USD', installments: [{ dueOn: '2026-02-15', amount: 10_000 }], invoiceIds: ['inv-1'] };

/** How each field of the plans commands is set from outside (see every-field-reachable.unit.spec.ts). */
export const plansReach: CapabilityReach<PlansCommand> = {
  AgreePlan: {
    fields: { planId: true, currency: true, installments: { dueOn: true, amount: true }, invoiceIds: true },
    made: [http('POST /accounts/:accountId/plans', plan)],
  },
  AcceptPlanOffer: {
    fields: { planId: true, installmentCount: true, policies },
    made: [http('POST /portal/api/plans', { planId: 'plan-1', installmentCount: 3 })],
  },
  MarkInstallmentMissed: {
    fields: {
      planId: true,
      installment: true,
      graceDays: { setBy: 'INSTALLMENT_GRACE_DAYS, by the scheduler' },
      breakAfter: { setBy: 'PLAN_BREAK_AFTER_MISSED, by the scheduler' },
    },
    made: [scheduler([{ type: 'AgreePlan', data: plan }])],
  },
  ExtendDeadline: {
    fields: { planId: true, installment: true, dueOn: true },
    made: [http('POST /accounts/:accountId/plans/:planId/installments/:installment/extend', { dueOn: '2026-03-01' }, { planId: 'plan-1', installment: '1' })],
  },
};
