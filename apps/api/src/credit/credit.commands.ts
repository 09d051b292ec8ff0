import { accountCommand, type CommandDeclarations } from '../command-handling/account-command.declaration';
import { CreditReportPull } from './credit-report-pull';
import { DebtorCreditLimitRemoval, DebtorCreditLimitSetting } from './debtor-credit-limit';
import { DecideCreditApprovalRequest, RecordCreditReportRequest, SetCreditLimitRequest, SetDebtorCreditLimitRequest } from './credit.requests';
import { CreditReportPulledResponse, DebtorCreditLimitChangedResponse } from './credit.responses';

const creditDesk = ['supervisor', 'system'] as const;

/** Credit: the account's and the debtor's limits (set or removed), a supervisor's decision on an invoice past it, and credit reports. */
export const creditCommands: CommandDeclarations = {
  setCreditLimit: accountCommand({
    route: 'POST /accounts/:accountId/credit-limit',
    roles: creditDesk,
    summary: 'Set the account’s credit limit, what an invoice past it does (refuse, warn, approve) and the longest terms allowed',
    status: 200,
    request: SetCreditLimitRequest,
    command: ({ request: { amount, currency, overLimit, maxTermDays } }) => ({
      type: 'SetCreditLimit',
      data: { amount, currency, overLimit, ...(maxTermDays !== undefined && { maxTermDays }) },
    }),
  }),

  removeCreditLimit: accountCommand({
    route: 'POST /accounts/:accountId/credit-limit/remove',
    roles: creditDesk,
    summary: 'Remove the account’s credit limit and terms policy: invoices are no longer checked; invoices waiting for approval still wait',
    status: 200,
    command: () => ({ type: 'RemoveCreditLimit', data: {} }),
  }),

  setDebtorCreditLimit: {
    route: 'POST /accounts/:accountId/debtor-credit-limit',
    roles: creditDesk,
    summary:
      'Set the credit limit of the account’s debtor across all their accounts with the creditor, and what an invoice past it does (refuse, warn, approve); recorded on each open one',
    status: 200,
    request: SetDebtorCreditLimitRequest,
    process: DebtorCreditLimitSetting,
    response: DebtorCreditLimitChangedResponse,
  },

  removeDebtorCreditLimit: {
    route: 'POST /accounts/:accountId/debtor-credit-limit/remove',
    roles: creditDesk,
    summary:
      'Remove the credit limit of the account’s debtor across their accounts with the creditor: recorded on each open one that holds it; invoices waiting for approval still wait',
    status: 200,
    process: DebtorCreditLimitRemoval,
    response: DebtorCreditLimitChangedResponse,
  },

  decideCreditApproval: accountCommand({
    route: 'POST /accounts/:accountId/credit-approvals/:invoiceId',
    roles: ['supervisor'],
    summary: 'Approve or decline an invoice accepted past the credit limit and flagged for approval',
    status: 200,
    request: DecideCreditApprovalRequest,
    command: ({ params, request: { decision, note } }) => ({
      type: 'DecideCreditApproval',
      data: { invoiceId: params.invoiceId, decision, ...(note !== undefined && { note }) },
    }),
  }),

  recordCreditReport: accountCommand({
    route: 'POST /accounts/:accountId/credit-reports',
    roles: creditDesk,
    summary: 'Record a credit report on the debtor (bureau, score on its scale, date, reason codes); the score and codes are sealed',
    status: 201,
    request: RecordCreditReportRequest,
    command: ({ request: { bureau, score, scaleMin, scaleMax, reportedOn, reasonCodes } }) => ({
      type: 'RecordCreditReport',
      data: { bureau, score, scaleMin, scaleMax, reportedOn, reasonCodes: [...reasonCodes], source: 'submitted' },
    }),
  }),

  pullCreditReport: {
    route: 'POST /accounts/:accountId/credit-reports/pull',
    roles: creditDesk,
    summary: 'Fetch the debtor’s latest report from the configured credit bureau and record it (503 with Retry-After when the bureau cannot answer)',
    status: 201,
    process: CreditReportPull,
    response: CreditReportPulledResponse,
  },
};
