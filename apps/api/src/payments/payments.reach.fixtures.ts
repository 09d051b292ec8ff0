import type { PaymentsCommand } from '@arrears/domain';
import { type CapabilityReach, http } from '../command-handling/command-reach.fixtures';

/** A request with every optional field set. */
const payment = { paymentId: 'pay-1', amount: 100, currency: 'USD', receivedOn: '2026-01-02', method: 'agency', agencyId: 'agency-1' };

/** How each field of the payments commands is set from outside (see every-field-reachable.unit.spec.ts). */
export const paymentsReach: CapabilityReach<PaymentsCommand> = {
  RecordPayment: {
    fields: { paymentId: true, amount: true, currency: true, receivedOn: true, method: true, agencyId: true },
    made: [http('POST /accounts/:accountId/payments', payment)],
  },
  ReversePayment: {
    fields: { reversalId: true, paymentId: true, amount: true, currency: true, reversedOn: true, reason: true, providerReference: true },
    made: [
      http(
        'POST /accounts/:accountId/payments/:paymentId/reversals',
        { reversalId: 're-1', amount: 100, currency: 'USD', reversedOn: '2026-01-03', reason: 'chargeback', providerReference: 'du_1' },
        { paymentId: 'pay-1' },
      ),
    ],
  },
};
