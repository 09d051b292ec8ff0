import type { BusinessTimes } from '../account/capability';
import type { PlansEvent } from './plans.events';

/** When each plans fact happened (see BusinessTime): paid with its payment, missed on its date, broken with the miss. */
export const plansBusinessTimes: BusinessTimes<PlansEvent> = {
  PlanAgreed: (event) => ({ date: event.data.agreedOn }),
  InstallmentPaid: () => 'command',
  PlanCompleted: () => 'command',
  InstallmentMissed: (event) => ({ date: event.data.dueOn }),
  PlanBroken: () => 'command',
  DeadlineExtended: () => 'command',
};
