import type { CreditCommand } from '@arrears/domain';
import { strictValidationPipe } from '@arrears/platform';
import { type CapabilityReach, http } from '../command-handling/command-reach.fixtures';
import { SetDebtorCreditLimitRequest } from './credit.requests';
import { debtorCreditLimitCommand, debtorCreditLimitRemovalCommand } from './debtor-credit-limit';

const report = { bureau: 'Experian', score: 640, scaleMin: 300, scaleMax: 850, reportedOn: '2026-02-20', reasonCodes: ['D1'] };

/** How each field of the credit commands is set from outside (see every-field-reachable.unit.spec.ts). */
export const creditReach: CapabilityReach<CreditCommand> = {
  SetCreditLimit: {
    fields: { amount: true, currency: true, overLimit: true, maxTermDays: true },
    made: [http('POST /accounts/:accountId/credit-limit', { amount: 500_000, currency: 'USD', overLimit: 'approve', maxTermDays: 30 })],
  },
  RemoveCreditLimit: { fields: {}, made: [http('POST /accounts/:accountId/credit-limit/remove')] },
  SetDebtorCreditLimit: {
    fields: { amount: true, currency: true, overLimit: true },
    // A process sends it to each of the debtor's accounts: the request through the API's validation, then the command it makes.
    made: [
      async () => {
        const body = { amount: 1_000_000, currency: 'USD', overLimit: 'refuse' };
        const request = (await strictValidationPipe().transform(body, { type: 'body', metatype: SetDebtorCreditLimitRequest })) as SetDebtorCreditLimitRequest;
        return [debtorCreditLimitCommand(request)];
      },
    ],
  },
  RemoveDebtorCreditLimit: { fields: {}, made: [() => [debtorCreditLimitRemovalCommand]] },
  DecideCreditApproval: {
    fields: { invoiceId: true, decision: true, note: true },
    made: [http('POST /accounts/:accountId/credit-approvals/:invoiceId', { decision: 'approved', note: 'known customer' }, { invoiceId: 'inv-1' })],
  },
  RecordCreditReport: {
    fields: {
      bureau: true,
      score: true,
      scaleMin: true,
      scaleMax: true,
      reportedOn: true,
      reasonCodes: true,
      source: { setBy: '`submitted` by this route; `bureau` by POST /accounts/:accountId/credit-reports/pull, from the bureau port' },
    },
    made: [http('POST /accounts/:accountId/credit-reports', report)],
  },
};
