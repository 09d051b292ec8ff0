import { eventTypesOf } from '../account/event-types';
import type { Allocation } from '../account/allocation';
import type { IsoDate } from '../calendar/calendar';

export interface Installment {
  /** 1-based, in due-date order. */
  number: number;
  dueOn: IsoDate;
  amount: number;
}
export interface PlanAgreed {
  type: 'PlanAgreed';
  data: {
    planId: string;
    currency: string;
    agreedOn: IsoDate;
    installments: Installment[];
    /** The balance the plan covers, per invoice; its sum equals the installments' sum. */
    covers: Allocation[];
  };
}
export interface InstallmentPaid {
  type: 'InstallmentPaid';
  data: { planId: string; installment: number; paymentId: string };
}
export interface PlanCompleted {
  type: 'PlanCompleted';
  data: { planId: string; paymentId: string };
}
export interface InstallmentMissed {
  type: 'InstallmentMissed';
  data: { planId: string; installment: number; dueOn: IsoDate; unpaid: number };
}
/** Too many installments were missed: the plan ends and what it still covered is collected as before. */
export interface PlanBroken {
  type: 'PlanBroken';
  data: { planId: string; missedInstallments: number; remaining: number };
}
export interface DeadlineExtended {
  type: 'DeadlineExtended';
  data: { planId: string; installment: number; previousDueOn: IsoDate; dueOn: IsoDate };
}

/** The plans part of the account's events. */
export type PlansEvent = PlanAgreed | InstallmentPaid | PlanCompleted | InstallmentMissed | PlanBroken | DeadlineExtended;

/** Every plans event type. */
export const plansEventTypes = eventTypesOf<PlansEvent>()([
  'PlanAgreed',
  'InstallmentPaid',
  'PlanCompleted',
  'InstallmentMissed',
  'PlanBroken',
  'DeadlineExtended',
]);
