import type { ContactPolicies } from '../compliance/contact-policy';
import type { Command } from '../account/command';
import type { IsoDate } from '../calendar/calendar';

export type AgreePlan = Command<
  'AgreePlan',
  {
    planId: string;
    currency: string;
    installments: { dueOn: IsoDate; amount: number }[];
    /** Which invoices the plan covers; all open invoices when absent. */
    invoiceIds?: string[];
  }
>;
/** The debtor accepts the plan of `installmentCount` installments that the creditor's policy (in `policies`) offers today. */
export type AcceptPlanOffer = Command<'AcceptPlanOffer', { planId: string; installmentCount: number; policies: ContactPolicies }>;
/** Once an installment's due date plus grace has passed unpaid; `breakAfter` missed ones break the plan. */
export type MarkInstallmentMissed = Command<'MarkInstallmentMissed', { planId: string; installment: number; graceDays: number; breakAfter: number }>;
export type ExtendDeadline = Command<'ExtendDeadline', { planId: string; installment: number; dueOn: IsoDate }>;

/** The plans part of the account's commands. */
export type PlansCommand = AgreePlan | AcceptPlanOffer | MarkInstallmentMissed | ExtendDeadline;
