import type { BillingCommand } from '@arrears/domain';
import { type CapabilityReach, http } from '../command-handling/command-reach.fixtures';

/** A request with every optional field set. */
const terms = { graceDays: 5, lateFee: { type: 'flat', amount: 1500 }, earlyPaymentDiscount: { percent: 2, withinDays: 10 } };

/** How each field of the billing commands is set from outside (see every-field-reachable.unit.spec.ts). */
export const billingReach: CapabilityReach<BillingCommand> = {
  IssueInvoice: {
    fields: {
      invoiceId: true,
      amount: true,
      currency: true,
      issuedOn: true,
      dueOn: true,
      terms: { graceDays: true, lateFee: { type: true, amount: true }, earlyPaymentDiscount: { percent: true, withinDays: true } },
      otherAccountsExposure: { setBy: 'the command path (OtherAccountsExposure), from the account read model, when the debtor has a credit limit' },
    },
    made: [
      http(
        'POST /accounts/:accountId/invoices',
        { invoiceId: 'inv-1', amount: 10_000, currency: 'USD', issuedOn: '2026-01-01', dueOn: '2026-01-31', terms },
        {},
        6_000,
      ),
    ],
  },
  MarkPaymentMissed: { fields: { invoiceId: true }, made: [http('POST /accounts/:accountId/invoices/:invoiceId/missed', undefined, { invoiceId: 'inv-1' })] },
  AssessLateFee: { fields: { invoiceId: true }, made: [http('POST /accounts/:accountId/invoices/:invoiceId/late-fee', undefined, { invoiceId: 'inv-1' })] },
};
