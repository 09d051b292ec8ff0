import type { Evolvers } from '../account/capability';
import type { CreditEvent } from './credit.events';
import { latestReport } from './credit-report';

export const creditEvolvers: Evolvers<CreditEvent> = {
  CreditLimitSet: (account, event) => ({ ...account, creditLimit: event.data }),
  // Invoices flagged for approval stay flagged: they were accepted past the limit then, and wait for an answer still.
  CreditLimitRemoved: (account) => {
    const lifted = { ...account };
    delete lifted.creditLimit;
    return lifted;
  },
  DebtorCreditLimitSet: (account, event) => ({ ...account, debtorCreditLimit: event.data }),
  DebtorCreditLimitRemoved: (account) => {
    const lifted = { ...account };
    delete lifted.debtorCreditLimit;
    return lifted;
  },
  CreditLimitExceeded: (account, event) => {
    if (event.data.overLimit !== 'approve') return account;
    const { invoiceId, limit, exposure, currency } = event.data;
    return { ...account, creditApprovals: { ...account.creditApprovals, [invoiceId]: { invoiceId, limit, exposure, currency } } };
  },
  CreditApprovalDecided: (account, event) => {
    const pending = Object.entries(account.creditApprovals ?? {}).filter(([invoiceId]) => invoiceId !== event.data.invoiceId);
    return { ...account, creditApprovals: Object.fromEntries(pending) };
  },
  CreditReportRecorded: (account, event) => {
    const latest = latestReport(account.latestCreditReport, event.data);
    return latest && latest !== account.latestCreditReport ? { ...account, latestCreditReport: latest } : account;
  },
};
