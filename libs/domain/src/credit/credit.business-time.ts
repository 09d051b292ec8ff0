import type { BusinessTimes } from '../account/capability';
import type { CreditEvent } from './credit.events';

/** When each credit fact happened (see BusinessTime): a report, on its own date. */
export const creditBusinessTimes: BusinessTimes<CreditEvent> = {
  CreditLimitSet: () => 'command',
  CreditLimitRemoved: () => 'command',
  DebtorCreditLimitSet: () => 'command',
  DebtorCreditLimitRemoved: () => 'command',
  CreditLimitExceeded: () => 'command',
  CreditApprovalDecided: () => 'command',
  CreditReportRecorded: (event) => ({ date: event.data.reportedOn }),
};
